import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ensureTables } from '../../infra/local/create-tables';
import { localTableNames } from '../../infra/tables';
import { dynamoDbEndpoint } from '../support/stack';

describe('local tables from an earlier version (NPS_DATA_DIR)', () => {
  it('get the indexes they lack', async () => {
    const client = new DynamoDBClient({
      endpoint: dynamoDbEndpoint(),
      region: 'us-east-1',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
    });
    const names = localTableNames('upgrade-');
    const keys = { pk: 'HASH', sk: 'RANGE' } as const;
    await client.send(
      new CreateTableCommand({
        TableName: names.projections,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: Object.keys(keys).map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: Object.entries(keys).map(([name, type]) => ({ AttributeName: name, KeyType: type })),
      }),
    );
    await ensureTables(client, names);
    for (const table of [names.projections, names.personalData]) {
      const indexes =
        (await client.send(new DescribeTableCommand({ TableName: table }))).Table?.GlobalSecondaryIndexes ?? [];
      // being built, or built (DynamoDB Local backfills in the background, slowly on a busy machine)
      expect(indexes.map((index) => index.IndexName)).toEqual([
        table === names.projections ? 'respondentsByUpdate' : 'byRespondent',
      ]);
      expect(['CREATING', 'ACTIVE']).toContain(indexes[0]!.IndexStatus);
    }
    client.destroy();
  }, 60_000);
});
