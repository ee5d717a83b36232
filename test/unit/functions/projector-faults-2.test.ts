import { describe, expect, it } from 'vitest';
import { runMemorySchedules } from '../../support/fault-harness';

// Schedules 100–199 of 200; projector-faults.test.ts runs 0–99, so that the two halves run on both workers.
describe('projector under at-least-once delivery (in-memory store, schedules 100–199 of 200, 10,000 events each)', () => {
  it('equals a fold from scratch after every schedule of duplicates, partial-batch retries and crashes', async () => {
    const { totals, failures } = await runMemorySchedules({ from: 100, to: 200 });
    console.log(
      `fault injection (memory, scores, comment tallies and term counts): schedules 100–199 × 10000 events; ${JSON.stringify(totals)}; mismatching schedules: ${failures.length}`,
    );
    expect(failures).toEqual([]);
    expect(totals.crashes).toBeGreaterThan(100);
    expect(totals.partialFailures).toBeGreaterThan(100);
    expect(totals.redeliveries).toBeGreaterThan(100);
  }, 600_000);
});
