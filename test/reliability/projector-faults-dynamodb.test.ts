import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../domain/events';
import { DEFAULT_SPIKE_THRESHOLDS } from '../../domain/spike';
import type { ProjectableRecord } from '../../functions/projection-engine/project-batch';
import { decodeRecord } from '../../functions/projector/app';
import { publishBatch } from '../../functions/publisher/publish-batch';
import { createDynamoDbAlertStore } from '../../functions/shared/alerts/dynamodb-alert-store';
import { createDocumentClient } from '../../functions/shared/dynamodb';
import { createDynamoDbEventStore } from '../../functions/shared/dynamodb-event-store';
import { createDynamoDbProjectionStore } from '../../functions/shared/dynamodb-projection-store';
import { RetryableError } from '../../functions/shared/errors';
import type { EventStore } from '../../functions/shared/event-store';
import { outboxEntrySchema } from '../../functions/shared/outbox';
import { startEventBridgeEndpoint, type WireEntry } from '../../infra/local/eventbridge-endpoint';
import type { TableNames } from '../../infra/tables';
import type { ScheduleStats } from '../support/esm-simulator';
import { expectedCounters, generateHistory, mismatches } from '../support/event-history';
import { byResponse, COMBINATIONS, runSchedule } from '../support/fault-harness';
import { readCounters, readRespondents, scanAll } from '../support/items';
import { seededRandom } from '../support/random';
import { respondentDifferences } from '../support/respondent-differences';
import { expectedAggregates, expectedViews } from '../support/respondent-reference';
import { outboxResponseRefs, responseEventRefs } from '../support/response-refs';
import { createTestTables, dynamoDbEndpoint } from '../support/stack';
import { storeHistory } from '../support/stored-history';
import { readStreamRecords } from '../support/stream-records';

/** Odd schedules: one shard; even: two shards, split by response (its events stay in order in one shard). */
const shardsOf = (records: ProjectableRecord[], schedule: number) =>
  schedule % 2 ? [records] : [0, 1].map((k) => records.filter((r) => Number(r.event.responseId.slice(2)) % 2 === k));

/** One schedule against fresh projection tables; answers its statistics, what went wrong, and its tables. */
const runDynamoSchedule = async (client: DynamoDBDocumentClient, records: ProjectableRecord[], schedule: number) => {
  const events = records.map((r) => r.event);
  const tables = await createTestTables();
  const projections = createDynamoDbProjectionStore({ client, table: tables.projections, outboxTable: tables.outbox });
  const rates = { transient: 0.03, crashBefore: 0.02, crashAfter: 0.03 };
  const stats = await runSchedule({
    shards: shardsOf(records, schedule),
    eventsOf: byResponse(events),
    store: projections,
    seed: 500 + schedule,
    rates,
  });
  const failures: string[] = [];
  const wrong = mismatches(
    await readCounters(dynamoDbEndpoint(), tables.projections),
    expectedCounters(events, COMBINATIONS),
  );
  if (wrong.length) failures.push(`schedule ${schedule}: ${wrong.length} cells differ, e.g. ${wrong[0]}`);
  const outbox = (await scanAll(dynamoDbEndpoint(), tables.outbox)) as Parameters<typeof outboxResponseRefs>[0];
  const [got, want] = [outboxResponseRefs(outbox), responseEventRefs(events)];
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    const missing = want.filter((ref) => !got.includes(ref));
    const repeated = got.filter((ref, i) => !want.includes(ref) || got.indexOf(ref) !== i);
    failures.push(
      `schedule ${schedule}: outbox detractors differ (missing ${missing.join(' ')}; extra ${repeated.join(' ')})`,
    );
  }
  const respondents = respondentDifferences(await readRespondents(dynamoDbEndpoint(), tables.projections), {
    views: expectedViews(events),
    aggregates: expectedAggregates(events, COMBINATIONS),
  });
  failures.push(...respondents.map((difference) => `schedule ${schedule}: ${difference}`));
  return { stats, failures, tables };
};

/**
 * Publishes a schedule's whole outbox through the real publisher; answers the close-the-loop ids EventBridge received.
 */
const publishOutbox = async (
  client: DynamoDBDocumentClient,
  tables: TableNames,
  responses: EventStore,
): Promise<string[]> => {
  const published: WireEntry[] = [];
  const eventbridge = await startEventBridgeEndpoint({ accept: (entry) => published.push(entry) });
  const credentials = { accessKeyId: 'l', secretAccessKey: 'l' };
  const deps = {
    eventBridge: new EventBridgeClient({ endpoint: eventbridge.endpoint, region: 'us-east-1', credentials }),
    eventBusName: 'test',
    source: 'nps.backend',
    responses,
    projections: createDynamoDbProjectionStore({ client, table: tables.projections }),
    alerts: createDynamoDbAlertStore({ client, table: tables.projections, outboxTable: tables.outbox }),
    thresholds: DEFAULT_SPIKE_THRESHOLDS,
    now: () => Date.UTC(2026, 10, 23, 12),
  };
  const decoded = (await readStreamRecords(dynamoDbEndpoint(), tables.outbox)).map((r) => ({
    sequenceNumber: r.dynamodb!.SequenceNumber!,
    entry: outboxEntrySchema.parse(unmarshall(r.dynamodb!.NewImage as never)),
  }));
  // as the stream mapping does: a batch that met a busy store comes again from the record that failed
  for (let i = 0, retries = 0; i < decoded.length; ) {
    const batch = decoded.slice(i, i + 100);
    const result = await publishBatch(batch, deps);
    if (!result.failedAt) i += batch.length;
    else if (result.error instanceof RetryableError && retries++ < 10)
      i += batch.findIndex((r) => r.sequenceNumber === result.failedAt);
    else throw result.error;
  }
  deps.eventBridge.destroy();
  await eventbridge.close();
  return published
    .filter((e) => ['DetractorResponseReceived', 'PromoterResponseReceived'].includes(e.DetailType!))
    .map((e) => JSON.parse(e.Detail).metadata.id as string);
};

describe('projector under at-least-once delivery (DynamoDB Local, real stream records)', () => {
  it('equals a fold from scratch after each schedule, with the real transactional adapter', async () => {
    const client = createDocumentClient({ endpoint: dynamoDbEndpoint(), timeoutMs: 10_000 });
    const source = await createTestTables();
    const store = createDynamoDbEventStore({
      client,
      eventsTable: source.events,
      personalDataTable: source.personalData,
    });
    const history = generateHistory(1_500, seededRandom(7));
    expect(new Set(await storeHistory(store, history))).toEqual(new Set(['appended']));
    const records = (await readStreamRecords(dynamoDbEndpoint(), source.events)).map(decodeRecord);
    expect(records).toHaveLength(history.length);
    const events: StoredEvent[] = records.map((r) => r.event);
    const failures: string[] = [];
    const totals: ScheduleStats = { invocations: 0, redeliveries: 0, partialFailures: 0, crashes: 0 };
    let lastTables: TableNames | undefined;
    for (let schedule = 0; schedule < 2; schedule++) {
      const outcome = await runDynamoSchedule(client, records, schedule);
      for (const key of Object.keys(totals) as (keyof ScheduleStats)[]) totals[key] += outcome.stats[key];
      failures.push(...outcome.failures);
      lastTables = outcome.tables;
    }
    console.log(
      `fault injection (DynamoDB Local): 2 schedules × ${records.length} real stream records; ` +
        `${JSON.stringify(totals)}; mismatching schedules: ${failures.length}`,
    );
    expect(failures).toEqual([]);
    expect(totals.crashes + totals.partialFailures).toBeGreaterThan(10);

    // the last schedule's outbox, through the real publisher: one event per response that became a detractor, and per
    // promoter
    const responseEvents = await publishOutbox(client, lastTables!, store);
    expect(responseEvents.length).toBe(responseEventRefs(events).length);
    expect(new Set(responseEvents).size).toBe(responseEvents.length);
    console.log(`response events after crashes: ${responseEvents.length} detractors and promoters, 0 duplicate ids`);
  }, 300_000);
});
