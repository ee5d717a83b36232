import { describe, expect, it } from 'vitest';
import { decodeRecord } from '../../functions/projector/app';
import { createDocumentClient } from '../../functions/shared/dynamodb';
import { createDynamoDbEventStore } from '../../functions/shared/dynamodb-event-store';
import { createDynamoDbProjectionStore } from '../../functions/shared/dynamodb-projection-store';
import type { ScheduleStats } from '../support/esm-simulator';
import { expectedCounters, generateHistory, mismatches } from '../support/event-history';
import { byResponse, COMBINATIONS, runSchedule } from '../support/fault-harness';
import { readCounters } from '../support/items';
import { seededRandom } from '../support/random';
import { createTestTables, dynamoDbEndpoint } from '../support/stack';
import { storeHistory } from '../support/stored-history';
import { readStreamRecords } from '../support/stream-records';

describe('projector under throttling and transaction conflicts (DynamoDB Local)', () => {
  it('equals a fold from scratch with 6 shards writing the same hot counters and 10% injected throttles', async () => {
    const client = createDocumentClient({ endpoint: dynamoDbEndpoint() });
    const source = await createTestTables();
    const store = createDynamoDbEventStore({
      client,
      eventsTable: source.events,
      personalDataTable: source.personalData,
    });
    const history = generateHistory(2_000, seededRandom(11));
    await storeHistory(store, history);
    const records = (await readStreamRecords(dynamoDbEndpoint(), source.events)).map(decodeRecord);
    const events = records.map((r) => r.event);
    const expected = expectedCounters(events, COMBINATIONS);
    const totals: ScheduleStats = { invocations: 0, redeliveries: 0, partialFailures: 0, crashes: 0 };
    const failures: string[] = [];
    for (let schedule = 0; schedule < 2; schedule++) {
      const tables = await createTestTables();
      const projections = createDynamoDbProjectionStore({
        client,
        table: tables.projections,
        outboxTable: tables.outbox,
      });
      const shards = Array.from({ length: 6 }, (_, k) =>
        records.filter((r) => Number(r.event.responseId.slice(2)) % 6 === k),
      );
      const rates = { transient: 0.1, crashBefore: 0.01, crashAfter: 0.02 };
      const stats = await runSchedule({
        shards,
        eventsOf: byResponse(events),
        store: projections,
        seed: 900 + schedule,
        rates,
      });
      for (const key of Object.keys(totals) as (keyof ScheduleStats)[]) totals[key] += stats[key];
      const wrong = mismatches(await readCounters(dynamoDbEndpoint(), tables.projections), expected);
      if (wrong.length) failures.push(`schedule ${schedule}: ${wrong.length} cells differ`);
    }
    console.log(
      `contention: 2 schedules × ${records.length} records on 6 concurrent shards; ${JSON.stringify(totals)}; ` +
        `double-counted or lost cells: ${failures.length}`,
    );
    expect(failures).toEqual([]);
    expect(totals.partialFailures).toBeGreaterThan(10);
  }, 300_000);
});
