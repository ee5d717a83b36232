import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTables } from '../../infra/local/create-tables';
import { localTableNames, type TableNames } from '../../infra/tables';
import { dynamoDbEndpoint, uniquePrefix } from './stack';

/** Fresh tables of the backend on the run's DynamoDB Local. */
export const createTestTables = async (): Promise<TableNames> => {
  const tables = localTableNames(uniquePrefix());
  const client = new DynamoDBClient({
    endpoint: dynamoDbEndpoint(),
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTables(client, tables);
  client.destroy();
  return tables;
};
