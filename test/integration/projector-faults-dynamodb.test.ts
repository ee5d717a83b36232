import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { erasureEvent } from '../../domain/response';
import { decodeRecord } from '../../functions/projector/app';
import { createDocumentClient } from '../../functions/shared/dynamodb';
import { createDynamoDbEventStore } from '../../functions/shared/dynamodb-event-store';
import { createDynamoDbProjectionStore } from '../../functions/shared/dynamodb-projection-store';
import type { ScheduleStats } from '../support/esm-simulator';
import { expectedCounters, generateHistory, mismatches, seededRandom } from '../support/event-history';
import { byResponse, COMBINATIONS, runSchedule } from '../support/fault-harness';
import { dynamoDbEndpoint } from '../support/stack';
import { readStreamRecords } from '../../infra/local/stream-records';
import { createTestTables } from '../support/tables';

/** Counters of generation 1 of a projections table, cell id → histogram (zero ones left out). */
const tableCounters = async (table: string): Promise<Map<string, number[]>> => {
  const client = createDocumentClient({ endpoint: dynamoDbEndpoint() });
  const counters = new Map<string, number[]>();
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey }));
    for (const item of page.Items ?? []) {
      const [kind, generation, segment, granularity] = String(item.pk).split('#');
      if (kind !== 'c' || generation !== '1') continue;
      const counts = Array.from({ length: 11 }, (_, s) => Number(item[`s${s}`] ?? 0));
      if (counts.some((c) => c !== 0)) counters.set(`${segment}|${granularity}|${item.sk}`, counts);
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return counters;
};

describe('projector under at-least-once delivery (DynamoDB Local, real stream records)', () => {
  it('equals a fold from scratch after each schedule, with the real transactional adapter', async () => {
    const client = createDocumentClient({ endpoint: dynamoDbEndpoint() });
    const source = await createTestTables();
    const store = createDynamoDbEventStore({ client, eventsTable: source.events, personalDataTable: source.personalData });
    const history = generateHistory(1_500, seededRandom(7));
    for (const event of history) {
      if (event.type === 'ResponseSubmitted') {
        expect(await store.submit({ responseId: event.responseId, score: event.data.score, submittedAt: event.data.submittedAt, segments: event.data.segments }, event.recordedAt)).toBe('accepted');
      } else {
        const data = event.type === 'ResponseErased' ? erasureEvent(event.data.erasedAt) : { type: event.type, schemaVersion: 1 as const, data: event.data };
        expect(await store.append(event.responseId, event.version - 1, data, event.recordedAt)).toBe('appended');
      }
    }
    const records = (await readStreamRecords(dynamoDbEndpoint(), source.events)).map(decodeRecord);
    expect(records).toHaveLength(history.length);
    const events = records.map((r) => r.event);
    const expected = expectedCounters(events, COMBINATIONS);
    const eventsOf = byResponse(events);
    const failures: string[] = [];
    const totals: ScheduleStats = { invocations: 0, redeliveries: 0, partialFailures: 0, crashes: 0 };
    for (let schedule = 0; schedule < 4; schedule++) {
      const tables = await createTestTables();
      const projections = createDynamoDbProjectionStore({ client, table: tables.projections });
      // odd schedules: one shard; even: two shards, split by response (its events stay in order in one shard)
      const shards = schedule % 2 ? [records] : [0, 1].map((k) => records.filter((r) => Number(r.event.responseId.slice(2)) % 2 === k));
      const stats = await runSchedule(shards, eventsOf, projections, 500 + schedule, { transient: 0.03, crashBefore: 0.02, crashAfter: 0.03 });
      for (const key of Object.keys(totals) as (keyof ScheduleStats)[]) totals[key] += stats[key];
      const wrong = mismatches(await tableCounters(tables.projections), expected);
      if (wrong.length) failures.push(`schedule ${schedule}: ${wrong.length} cells differ, e.g. ${wrong[0]}`);
    }
    console.log(`fault injection (DynamoDB Local): 4 schedules × ${records.length} real stream records; ${JSON.stringify(totals)}; mismatching schedules: ${failures.length}`);
    expect(failures).toEqual([]);
    expect(totals.crashes + totals.partialFailures).toBeGreaterThan(10);
  }, 300_000);
});
