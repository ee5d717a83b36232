import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTables } from '../../infra/local/create-tables';
import { localTableNames, type TableNames } from '../../infra/tables';

/** A table prefix no other suite uses. */
export const uniquePrefix = (): string => `t${randomUUID().slice(0, 8)}-`;

/** Fresh tables of the backend, under a prefix of their own, on a DynamoDB (Local) endpoint. */
export const createTablesOn = async (endpoint: string, prefix = uniquePrefix()): Promise<TableNames> => {
  const tables = localTableNames(prefix);
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTables(client, tables);
  client.destroy();
  return tables;
};
