import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureTables } from '../../infra/local/create-tables';
import { type StreamPoller, startStreamPoller } from '../../infra/local/stream-poller';
import { localTableNames } from '../../infra/tables';
import { dynamoDbEndpoint } from '../support/stack';
import { uniquePrefix } from '../support/tables';

const local = () => ({
  endpoint: dynamoDbEndpoint(),
  region: 'us-east-1',
  credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
});
const pollers: StreamPoller[] = [];
afterAll(() => Promise.all(pollers.map((p) => p.stop())));

const setup = async (count: number) => {
  const client = new DynamoDBClient(local());
  const tables = localTableNames(uniquePrefix());
  const arns = await ensureTables(client, tables);
  for (let i = 0; i < count; i++) {
    await client.send(
      new PutItemCommand({
        TableName: tables.events,
        Item: {
          streamId: { S: `s${i}` },
          version: { N: '1' },
          data: { M: { segments: { M: {} }, nested: { M: { inner: { M: {} } } }, list: { L: [] } } },
        },
      }),
    );
  }
  return { streamArn: arns.events!, streams: new DynamoDBStreamsClient(local()) };
};

describe('local stream poller (the event source mapping of the local stack)', () => {
  it('delivers records as Lambda does, empty maps included', async () => {
    const { streamArn, streams } = await setup(3);
    const seen: DynamoDBRecord[] = [];
    const poller = startStreamPoller({
      client: streams,
      streamArn,
      handler: async (event) => void seen.push(...event.Records),
    });
    pollers.push(poller);
    await poller.settled();
    expect(seen).toHaveLength(3);
    expect(seen[0]!.dynamodb!.NewImage!.data).toEqual({
      M: { segments: { M: {} }, nested: { M: { inner: { M: {} } } }, list: { L: [] } },
    });
    expect(unmarshall(seen[0]!.dynamodb!.NewImage as never).data).toEqual({
      segments: {},
      nested: { inner: {} },
      list: [],
    });
    expect(
      seen.every((r) => r.eventName === 'INSERT' && typeof r.dynamodb!.ApproximateCreationDateTime === 'number'),
    ).toBe(true);
  });

  it('retries from the reported failed record, and the whole batch after an error', async () => {
    const { streamArn, streams } = await setup(10);
    const deliveries: string[][] = [];
    let failedOnce = false;
    let threwOnce = false;
    const poller = startStreamPoller({
      client: streams,
      streamArn,
      batchSize: 4,
      idlePollMs: 20,
      handler: async (event) => {
        const ids = event.Records.map((r) => r.dynamodb!.Keys!.streamId!.S!);
        deliveries.push(ids);
        if (!threwOnce && ids.includes('s5')) {
          threwOnce = true;
          throw new Error('crash');
        }
        if (!failedOnce && ids.includes('s2')) {
          failedOnce = true;
          return {
            batchItemFailures: [{ itemIdentifier: event.Records[ids.indexOf('s2')]!.dynamodb!.SequenceNumber! }],
          };
        }
        return { batchItemFailures: [] };
      },
    });
    pollers.push(poller);
    await poller.settled();
    expect(deliveries[0]).toEqual(['s0', 's1', 's2', 's3']);
    expect(deliveries[1]![0]).toBe('s2'); // resumed at the reported record
    const crashed = deliveries.findIndex((d) => d.includes('s5'));
    expect(deliveries[crashed + 1]![0]).toBe(deliveries[crashed]![0]); // same batch again after the error
    expect([...new Set(deliveries.flat())].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `s${i}`).sort());
  });

  it('gives a batch up after its retries and goes on, like a mapping with an on-failure destination', async () => {
    const { streamArn, streams } = await setup(6);
    const discarded: string[][] = [];
    const delivered: string[] = [];
    const poller = startStreamPoller({
      client: streams,
      streamArn,
      batchSize: 3,
      maxRetryAttempts: 2,
      idlePollMs: 20,
      handler: async (event) => {
        const ids = event.Records.map((r) => r.dynamodb!.Keys!.streamId!.S!);
        if (ids.includes('s1')) throw new Error('poison');
        delivered.push(...ids);
      },
      onDiscard: (batch) =>
        discarded.push([batch.startSequenceNumber, batch.endSequenceNumber, String(batch.batchSize)]),
    });
    pollers.push(poller);
    await poller.settled();
    expect(discarded).toHaveLength(1);
    expect(discarded[0]![2]).toBe('3');
    expect(delivered.sort()).toEqual(['s3', 's4', 's5']);
  });
});
