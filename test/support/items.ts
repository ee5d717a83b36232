import { DynamoDBClient, paginateListTables } from '@aws-sdk/client-dynamodb';
import type { Aggregates } from '../../functions/projections/respondents/aggregates';
import { viewOf } from '../../functions/projections/respondents/views';
import { createDocumentClient, scanPages } from '../../functions/shared/dynamodb';

/**
 * Every table on the endpoint whose name starts with `prefix`, all pages of ListTables: one DynamoDB Local
 * serves the whole test run, so past a hundred tables the first page alone misses this stack's.
 */
export const listTables = async (endpoint: string, prefix: string): Promise<string[]> => {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const names: string[] = [];
  for await (const page of paginateListTables({ client }, {}))
    names.push(...(page.TableNames ?? []).filter((name) => name.startsWith(prefix)));
  client.destroy();
  return names;
};

/** Every item of a table (consistent scan, all pages): what the erasure tests search for traces. */
export const scanAll = async (endpoint: string, table: string): Promise<Record<string, unknown>[]> => {
  const client = createDocumentClient({ endpoint });
  const items: Record<string, unknown>[] = [];
  for await (const page of scanPages(client, { TableName: table, ConsistentRead: true })) items.push(...page);
  client.destroy();
  return items;
};

/**
 * Counters of a generation (1 unless given) of a projections table: `segment|granularity|bucket` → histogram, zero ones
 * left out.
 */
export const readCounters = async (endpoint: string, table: string, wanted = 1): Promise<Map<string, number[]>> => {
  const counters = new Map<string, number[]>();
  for (const item of await scanAll(endpoint, table)) {
    const [kind, generation, segment, granularity] = String(item.pk).split('#');
    const counts = Array.from({ length: 11 }, (_, s) => Number(item[`s${s}`] ?? 0));
    if (kind === 'c' && generation === String(wanted) && counts.some((c) => c !== 0))
      counters.set(`${segment}|${granularity}|${item.sk}`, counts);
  }
  return counters;
};

/**
 * Respondent views and aggregates of a generation (1 unless given) of a projections table, shaped as the memory store
 * answers them.
 */
export const readRespondents = async (endpoint: string, table: string, generation = 1) => {
  const items = await scanAll(endpoint, table);
  const views = new Map(
    items
      .filter((item) => String(item.pk).startsWith(`r#${generation}#`))
      .map((item) => [String(item.pk), viewOf(item)]),
  );
  const aggregates: Aggregates = new Map(
    items
      .filter((item) => item.pk === `ra#${generation}`)
      .map((item) => [
        String(item.sk),
        new Map(
          Object.entries(item).filter(
            (entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] !== 0,
          ),
        ),
      ]),
  );
  return { views: () => views, aggregates: () => new Map([...aggregates].filter(([, attributes]) => attributes.size)) };
};
