import { describe, expect, it } from 'vitest';
import type { ScheduleStats } from '../support/esm-simulator';
import {
  detractorSubmissions,
  expectedCounters,
  generateHistory,
  mismatches,
  outboxDetractors,
  shardRecords,
} from '../support/event-history';
import { byResponse, COMBINATIONS, runSchedule } from '../support/fault-harness';
import { createMemoryProjectionStore } from '../support/memory-projection-store';
import { seededRandom } from '../support/random';

describe('projector under at-least-once delivery (in-memory store, 200 schedules × 10,000 events)', () => {
  it('equals a fold from scratch after every schedule of duplicates, partial-batch retries and crashes', async () => {
    const events = generateHistory(10_000, seededRandom(1));
    const expected = expectedCounters(events, COMBINATIONS);
    const detractors = JSON.stringify(detractorSubmissions(events));
    const eventsOf = byResponse(events);
    const totals: ScheduleStats = { invocations: 0, redeliveries: 0, partialFailures: 0, crashes: 0 };
    const failures: string[] = [];
    for (let schedule = 0; schedule < 200; schedule++) {
      const shards = shardRecords(events, 1 + (schedule % 4));
      const memory = createMemoryProjectionStore();
      const stats = await runSchedule(shards, eventsOf, memory.store, 1000 + schedule, {
        transient: 0.015,
        crashBefore: 0.01,
        crashAfter: 0.015,
      });
      for (const key of Object.keys(totals) as (keyof ScheduleStats)[]) totals[key] += stats[key];
      const wrong = mismatches(memory.counters(1), expected);
      if (wrong.length) failures.push(`schedule ${schedule}: ${wrong.length} cells differ, e.g. ${wrong[0]}`);
      if (JSON.stringify(outboxDetractors(memory.outbox)) !== detractors) failures.push(`schedule ${schedule}: outbox detractors differ`);
    }
    console.log(
      `fault injection (memory): 200 schedules × ${events.length} events; ${JSON.stringify(totals)}; mismatching schedules: ${failures.length}`,
    );
    expect(failures).toEqual([]);
    expect(totals.crashes).toBeGreaterThan(200);
    expect(totals.partialFailures).toBeGreaterThan(200);
    expect(totals.redeliveries).toBeGreaterThan(200);
  }, 300_000);
});
