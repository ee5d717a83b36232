import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPIKE_THRESHOLDS } from '../../domain/spike';
import { decodeRecord } from '../../functions/projector/app';
import { publishBatch } from '../../functions/publisher/publish-batch';
import { createDynamoDbAlertStore } from '../../functions/shared/alerts/dynamodb-alert-store';
import { createDocumentClient } from '../../functions/shared/dynamodb';
import { createDynamoDbEventStore } from '../../functions/shared/dynamodb-event-store';
import { createDynamoDbProjectionStore } from '../../functions/shared/dynamodb-projection-store';
import { outboxEntrySchema } from '../../functions/shared/outbox';
import { startEventBridgeEndpoint, type WireEntry } from '../../infra/local/eventbridge-endpoint';
import type { ScheduleStats } from '../support/esm-simulator';
import { detractorSubmissions, expectedCounters, generateHistory, mismatches, outboxDetractors } from '../support/event-history';
import { byResponse, COMBINATIONS, runSchedule } from '../support/fault-harness';
import { readCounters, scanAll } from '../support/items';
import { seededRandom } from '../support/random';
import { createTestTables, dynamoDbEndpoint } from '../support/stack';
import { storeHistory } from '../support/stored-history';
import { readStreamRecords } from '../support/stream-records';

describe('projector under at-least-once delivery (DynamoDB Local, real stream records)', () => {
  it('equals a fold from scratch after each schedule, with the real transactional adapter', async () => {
    const client = createDocumentClient({ endpoint: dynamoDbEndpoint() });
    const source = await createTestTables();
    const store = createDynamoDbEventStore({ client, eventsTable: source.events, personalDataTable: source.personalData });
    const history = generateHistory(1_500, seededRandom(7));
    expect(new Set(await storeHistory(store, history))).toEqual(new Set(['appended']));
    const records = (await readStreamRecords(dynamoDbEndpoint(), source.events)).map(decodeRecord);
    expect(records).toHaveLength(history.length);
    const events = records.map((r) => r.event);
    const expected = expectedCounters(events, COMBINATIONS);
    const eventsOf = byResponse(events);
    const failures: string[] = [];
    const totals: ScheduleStats = { invocations: 0, redeliveries: 0, partialFailures: 0, crashes: 0 };
    let lastTables: Awaited<ReturnType<typeof createTestTables>> | undefined;
    for (let schedule = 0; schedule < 4; schedule++) {
      const tables = (lastTables = await createTestTables());
      const projections = createDynamoDbProjectionStore({ client, table: tables.projections, outboxTable: tables.outbox });
      // odd schedules: one shard; even: two shards, split by response (its events stay in order in one shard)
      const shards = schedule % 2 ? [records] : [0, 1].map((k) => records.filter((r) => Number(r.event.responseId.slice(2)) % 2 === k));
      const stats = await runSchedule(shards, eventsOf, projections, 500 + schedule, {
        transient: 0.03,
        crashBefore: 0.02,
        crashAfter: 0.03,
      });
      for (const key of Object.keys(totals) as (keyof ScheduleStats)[]) totals[key] += stats[key];
      const wrong = mismatches(await readCounters(dynamoDbEndpoint(), tables.projections), expected);
      if (wrong.length) failures.push(`schedule ${schedule}: ${wrong.length} cells differ, e.g. ${wrong[0]}`);
      const outbox = (await scanAll(dynamoDbEndpoint(), tables.outbox)) as { detractors: { responseId: string; version: number }[] }[];
      if (JSON.stringify(outboxDetractors(outbox)) !== JSON.stringify(detractorSubmissions(events)))
        failures.push(`schedule ${schedule}: outbox detractors differ`);
    }
    console.log(
      `fault injection (DynamoDB Local): 4 schedules × ${records.length} real stream records; ${JSON.stringify(totals)}; mismatching schedules: ${failures.length}`,
    );
    expect(failures).toEqual([]);
    expect(totals.crashes + totals.partialFailures).toBeGreaterThan(10);

    // the last schedule's outbox, through the real publisher: one close-the-loop event per detractor
    const published: WireEntry[] = [];
    const eventbridge = await startEventBridgeEndpoint({ accept: (entry) => published.push(entry) });
    const outboxRecords = await readStreamRecords(dynamoDbEndpoint(), lastTables!.outbox);
    const projections = createDynamoDbProjectionStore({ client, table: lastTables!.projections });
    const deps = {
      eventBridge: new EventBridgeClient({
        endpoint: eventbridge.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
      }),
      eventBusName: 'test',
      source: 'nps.backend',
      responses: store,
      projections,
      alerts: createDynamoDbAlertStore({ client, table: lastTables!.projections, outboxTable: lastTables!.outbox }),
      thresholds: DEFAULT_SPIKE_THRESHOLDS,
      now: () => Date.UTC(2026, 10, 23, 12),
    };
    const decoded = outboxRecords.map((r) => ({
      sequenceNumber: r.dynamodb!.SequenceNumber!,
      entry: outboxEntrySchema.parse(unmarshall(r.dynamodb!.NewImage as never)),
    }));
    for (let i = 0; i < decoded.length; i += 100) expect((await publishBatch(decoded.slice(i, i + 100), deps)).failedAt).toBeUndefined();
    const closeTheLoop = published
      .filter((e) => e.DetailType === 'DetractorResponseReceived')
      .map((e) => JSON.parse(e.Detail).metadata.id as string);
    expect(closeTheLoop.length).toBe(detractorSubmissions(events).length);
    expect(new Set(closeTheLoop).size).toBe(closeTheLoop.length);
    console.log(`close-the-loop after crashes: ${closeTheLoop.length} detractors, ${closeTheLoop.length} events, 0 duplicate ids`);
    deps.eventBridge.destroy();
    await eventbridge.close();
  }, 300_000);
});
