import { describe, expect, it } from 'vitest';
import { runMemorySchedules, SCHEDULE_EVENTS } from '../support/fault-harness';

// Schedules 50–99 of 100; the other file runs the other half, so that a run can split them.
describe(
  `projector under at-least-once delivery (in-memory store, schedules 50–99 of 100, ${SCHEDULE_EVENTS} events ` +
    `each)`,
  () => {
    it('equals a fold from scratch after every schedule of duplicates, partial-batch retries and crashes', async () => {
      const { totals, failures } = await runMemorySchedules({ from: 50, to: 100 });
      console.log(
        `fault injection (memory, scores, comment tallies, term counts, respondent views and aggregates, loop counts, response index; follow-ups in the history): schedules ` +
          `50–99 × ${SCHEDULE_EVENTS} events; ${JSON.stringify(totals)}; mismatching schedules: ${failures.length}`,
      );
      expect(failures).toEqual([]);
      expect(totals.crashes).toBeGreaterThan(100);
      expect(totals.partialFailures).toBeGreaterThan(100);
      expect(totals.redeliveries).toBeGreaterThan(100);
      // respondent changes too large for their group's transaction went ahead of it, crashes and all
      expect(totals.writtenAhead).toBeGreaterThan(100);
    }, 1_800_000);
  },
);
