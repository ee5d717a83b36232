import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { TABLE_DEFINITIONS, type TableDefinition, type TableNames } from '../tables';

const createTable = async (client: DynamoDBClient, name: string, table: TableDefinition): Promise<void> => {
  const keys = [table.partitionKey, ...(table.sortKey ? [table.sortKey] : [])];
  try {
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: keys.map((key) => ({ AttributeName: key.name, AttributeType: key.type })),
        KeySchema: keys.map((key, i) => ({ AttributeName: key.name, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
        ...(table.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream } } : {}),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    return; // already there (data directory from an earlier run)
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
