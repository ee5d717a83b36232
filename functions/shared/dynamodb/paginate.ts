import {
  type DynamoDBDocumentClient,
  paginateQuery,
  paginateScan,
  type QueryCommandInput,
  type ScanCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { guardDependency } from './failures';

type Item = Record<string, unknown>;

/**
 * Every item a query matches, all pages followed (the SDK's paginator).
 *
 * @example
 * const events = await queryAll(client, { TableName, KeyConditionExpression: '#id = :id', … });
 */
export const queryAll = (client: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Item[]> =>
  guardDependency(async () => {
    const items: Item[] = [];
    for await (const page of paginateQuery({ client }, input)) items.push(...(page.Items ?? []));
    return items;
  });

/**
 * The pages of a scan (or of one segment of a parallel scan), one at a time, so that a
 * caller holds one page in memory.
 *
 * @example
 * for await (const items of scanPages(client, { TableName, Segment: 0, TotalSegments: 4 })) handle(items);
 */
export async function* scanPages(client: DynamoDBDocumentClient, input: ScanCommandInput): AsyncGenerator<Item[]> {
  const pages = paginateScan({ client }, input)[Symbol.asyncIterator]();
  for (;;) {
    const next = await guardDependency(() => pages.next());
    if (next.done) return;
    yield next.value.Items ?? [];
  }
}
