import { describe, expect, it } from 'vitest';
import { runMemorySchedules } from '../../support/fault-harness';

// Schedules 0–99 of 200; projector-faults-2.test.ts runs 100–199, so that the two halves run on both workers.
describe('projector under at-least-once delivery (in-memory store, schedules 0–99 of 200, 10,000 events each)', () => {
  it('equals a fold from scratch after every schedule of duplicates, partial-batch retries and crashes', async () => {
    const { totals, failures } = await runMemorySchedules({ from: 0, to: 100 });
    console.log(
      `fault injection (memory, scores, comment tallies and term counts): schedules 0–99 × 10000 events; ${JSON.stringify(totals)}; mismatching schedules: ${failures.length}`,
    );
    expect(failures).toEqual([]);
    expect(totals.crashes).toBeGreaterThan(100);
    expect(totals.partialFailures).toBeGreaterThan(100);
    expect(totals.redeliveries).toBeGreaterThan(100);
  }, 600_000);
});
