import { Logger } from '@aws-lambda-powertools/logger';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue, DynamoDBStreamEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { createPublisherHandler } from '../../functions/publisher/app';
import {
  OUT_OF_TIME,
  type OutboxRecord,
  type PublisherDependencies,
  publishBatch,
} from '../../functions/publisher/publish-batch';
import { PublishRefusedError } from '../../functions/publisher/put-events';
import type { AlertEntry } from '../../functions/shared/outbox';
import {
  type EventBridgeEndpoint,
  startEventBridgeEndpoint,
  type WireEntry,
} from '../../infra/local/eventbridge-endpoint';
import { localLambdaContext } from '../../infra/local/lambda-context';

const period = {
  from: '2026-11-01T00:00:00.000Z',
  to: '2026-11-02T00:00:00.000Z',
  responses: 40,
  detractors: 20,
  detractorShare: 0.5,
};

/** An outbox record of an alert entry (published as it is: no reads needed). */
const alertRecord = (i: number): OutboxRecord => {
  const entry: AlertEntry = {
    id: `alert#a${i}#spike`,
    kind: 'alert',
    detailType: 'DetractorShareSpiked',
    occurredAt: '2026-11-02T00:00:00.000Z',
    data: { segment: `s${i}`, alertId: `a${i}`, window: period, baseline: period, lift: 0.3, z: 4 },
    expiresAt: 0,
  };
  return { sequenceNumber: String(1000 + i), entry };
};

const open: { endpoint: EventBridgeEndpoint; client: EventBridgeClient }[] = [];
afterEach(async () => {
  for (const { endpoint, client } of open.splice(0)) {
    client.destroy();
    await endpoint.close();
  }
});

/** Publisher dependencies against a local EventBridge endpoint; alert entries read nothing else. */
const publisherAgainst = async (options: Parameters<typeof startEventBridgeEndpoint>[0]) => {
  const endpoint = await startEventBridgeEndpoint(options);
  const client = new EventBridgeClient({
    endpoint: endpoint.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  open.push({ endpoint, client });
  const unused = () => {
    throw new Error('not read for alert entries');
  };
  const deps = {
    eventBridge: client,
    eventBusName: 'bus',
    source: 'nps.backend',
    publishOptions: { maxAttempts: 2, sleep: async () => undefined },
    responses: { readEventsAt: unused, readPersonalData: unused },
    projections: {},
    alerts: {},
    thresholds: {},
    now: () => 0,
  } as unknown as PublisherDependencies;
  return { endpoint, deps };
};

const idOf = (entry: WireEntry) => JSON.parse(entry.Detail).metadata.id as string;

describe('publishBatch', () => {
  it('sends once it holds eventsPerSend events, and stops at the first record not all out', async () => {
    const accepted: string[] = [];
    const { endpoint, deps } = await publisherAgainst({
      accept: (entry) => void accepted.push(idOf(entry)),
      failEntry: (entry) => (idOf(entry) === 'alert#a3#spike' ? 'InternalFailure' : undefined),
    });
    const records = [0, 1, 2, 3, 4, 5].map(alertRecord);

    const result = await publishBatch(records, deps, 1);

    expect(accepted).toEqual(['alert#a0#spike', 'alert#a1#spike', 'alert#a2#spike']);
    expect(result).toMatchObject({ failedAt: '1003', published: 3 });
    // one call per record at eventsPerSend 1 (and the failing record's retry): records after the failure were never
    // sent
    expect(endpoint.calls.map((call) => call.entries)).toEqual([1, 1, 1, 1, 1]);
  });

  it('publishes every record of a batch when nothing fails, small records in shared calls', async () => {
    const accepted: string[] = [];
    const { endpoint, deps } = await publisherAgainst({ accept: (entry) => void accepted.push(idOf(entry)) });
    const result = await publishBatch([0, 1, 2].map(alertRecord), deps);
    expect(result).toEqual({ published: 3, alerts: { spiked: [], recovered: [] } });
    expect(accepted).toHaveLength(3);
    expect(endpoint.calls.map((call) => call.entries)).toEqual([3]); // small records share a call
  });

  it(
    'stops before the next record once time runs short, the first record always taken, and reports where to ' +
      'resume',
    async () => {
      const accepted: string[] = [];
      const { deps } = await publisherAgainst({ accept: (entry) => void accepted.push(idOf(entry)) });
      let started = 0;
      const keepGoing = () => ++started < 3; // asked before records 1, 2 and 3: the third answer is no

      const result = await publishBatch([0, 1, 2, 3, 4].map(alertRecord), { ...deps, keepGoing });

      expect(result).toMatchObject({ failedAt: '1003', published: 3, error: OUT_OF_TIME });
      // held events sent before stopping
      expect(accepted).toEqual(['alert#a0#spike', 'alert#a1#spike', 'alert#a2#spike']);
      const none = await publishBatch([5, 6].map(alertRecord), { ...deps, keepGoing: () => false });
      // no time at all: one record still goes, so the stream moves
      expect(none).toMatchObject({ failedAt: '1006', published: 1 });
    },
  );

  it('fails the invocation on a refusal retrying cannot cure (access denied), so that it alarms', async () => {
    const { deps } = await publisherAgainst({ accept: () => undefined, failCall: () => 'AccessDeniedException' });
    await expect(publishBatch([alertRecord(0)], deps)).rejects.toBeInstanceOf(PublishRefusedError);
  });
});

/** Outbox records as the stream hands them to the Lambda. */
const streamEvent = (records: OutboxRecord[]): DynamoDBStreamEvent => ({
  Records: records.map(({ sequenceNumber, entry }) => ({
    eventName: 'INSERT',
    dynamodb: { SequenceNumber: sequenceNumber, NewImage: marshall(entry) as Record<string, AttributeValue> },
  })),
});

describe('the publisher Lambda', () => {
  it('stops once half the time it started with is used and answers that record for the next invocation', async () => {
    const accepted: string[] = [];
    const { deps } = await publisherAgainst({ accept: (entry) => void accepted.push(idOf(entry)) });
    const handler = createPublisherHandler({ ...deps, logger: new Logger({ logLevel: 'SILENT' }) });
    // 1,000 ms left when it starts (middy and the handler each look once), then 200 ms less at each
    // look before a record: 800 and 600 go on, 400 (under half) stops before the fourth record
    const shrinking = () => {
      let looks = 0;
      const remaining = () => 1_000 - 200 * Math.max(0, looks++ - 1);
      return { ...localLambdaContext('nps-publisher', 1_000), getRemainingTimeInMillis: remaining };
    };
    const records = [0, 1, 2, 3, 4].map(alertRecord);

    expect(await handler(streamEvent(records), shrinking())).toEqual({
      batchItemFailures: [{ itemIdentifier: '1003' }],
    });
    expect(accepted).toEqual(['alert#a0#spike', 'alert#a1#spike', 'alert#a2#spike']);
    const ample = { ...localLambdaContext('nps-publisher', 1_000), getRemainingTimeInMillis: () => 1_000 };
    expect(await handler(streamEvent(records.slice(3)), ample)).toEqual({ batchItemFailures: [] });
    expect(accepted.slice(3)).toEqual(['alert#a3#spike', 'alert#a4#spike']);
  });
});
