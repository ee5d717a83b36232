import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { type IndexDefinition, TABLE_DEFINITIONS, type TableDefinition, type TableNames } from '../tables';

type Key = { name: string; type: 'S' | 'N' };
const keySchema = (keys: Key[]) =>
  keys.map((key, i) => ({ AttributeName: key.name, KeyType: i === 0 ? ('HASH' as const) : ('RANGE' as const) }));
const attributes = (keys: Key[]) => [
  ...new Map(keys.map((key) => [key.name, { AttributeName: key.name, AttributeType: key.type }])).values(),
];
const indexKeys = (index: IndexDefinition): Key[] => [index.partitionKey, ...(index.sortKey ? [index.sortKey] : [])];
const indexOf = (index: IndexDefinition) => ({
  IndexName: index.name,
  KeySchema: keySchema(indexKeys(index)),
  Projection: { ProjectionType: index.projection },
});

/**
 * Adds the indexes a table from an earlier version's data directory lacks, and waits up to
 * 10 s for them to be active (until DynamoDB Local has built them, the respondent list cannot be read).
 */
const addMissingIndexes = async (client: DynamoDBClient, name: string, table: TableDefinition) => {
  const indexesOf = async () =>
    (await client.send(new DescribeTableCommand({ TableName: name }))).Table?.GlobalSecondaryIndexes ?? [];
  const present = new Set((await indexesOf()).map((index) => index.IndexName));
  for (const index of (table.indexes ?? []).filter((i) => !present.has(i.name))) {
    await client.send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: attributes(indexKeys(index)),
        GlobalSecondaryIndexUpdates: [{ Create: indexOf(index) }],
      }),
    );
  }
  // DynamoDB Local backfills a new index in the background: give it a moment, without holding the start up for long
  for (let wait = 0; wait < 50 && (await indexesOf()).some((index) => index.IndexStatus !== 'ACTIVE'); wait++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

const createTable = async (client: DynamoDBClient, name: string, table: TableDefinition): Promise<void> => {
  const keys = [table.partitionKey, ...(table.sortKey ? [table.sortKey] : [])];
  const indexes = table.indexes ?? [];
  try {
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributes([...keys, ...indexes.flatMap(indexKeys)]),
        KeySchema: keySchema(keys),
        ...(indexes.length ? { GlobalSecondaryIndexes: indexes.map(indexOf) } : {}),
        ...(table.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream } } : {}),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    return addMissingIndexes(client, name, table); // already there (data directory from an earlier run)
  }
  if (table.timeToLiveAttribute) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: name,
        TimeToLiveSpecification: { Enabled: true, AttributeName: table.timeToLiveAttribute },
      }),
    );
  }
};

/**
 * Creates the backend's tables (same definitions as the CDK stack) under the given
 * names, unless they already exist, and returns each table's latest stream ARN.
 */
export const ensureTables = async (client: DynamoDBClient, names: TableNames): Promise<Partial<TableNames>> => {
  const streamArns: Partial<TableNames> = {};
  for (const table of TABLE_DEFINITIONS) {
    const name = names[table.role];
    await createTable(client, name, table);
    const described = await client.send(new DescribeTableCommand({ TableName: name }));
    streamArns[table.role] = described.Table?.LatestStreamArn;
  }
  return streamArns;
};
