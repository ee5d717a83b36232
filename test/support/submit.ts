import { expect } from 'vitest';
import type { api } from './stack';

type Result = { responseId: string | null; status: string; error?: { status: number } };

/**
 * Submits responses in batches of 100 as the contract asks clients to: items a busy store
 * rejected with a 503 of their own are sent again after a second (a loaded CI machine
 * overloads DynamoDB Local); fails unless every response ends accepted (or, for a resent
 * one whose first attempt had landed, duplicate).
 */
export const submitAll = async (
  http: Pick<ReturnType<typeof api>, 'post'>,
  responses: readonly { responseId: string }[],
) => {
  for (let i = 0; i < responses.length; i += 100) {
    let pending = responses.slice(i, i + 100);
    for (let attempt = 1; pending.length; attempt++) {
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 1_000));
      const results: Result[] = (await http.post('/v1/responses/batch', { responses: pending })).body.results;
      const unavailable = results.filter((r) => r.status === 'rejected' && r.error?.status === 503);
      const refused = results.filter((r) => r.status === 'rejected' && r.error?.status !== 503);
      expect(refused, 'rejected responses').toEqual([]);
      if (attempt === 1)
        expect(
          results.filter((r) => r.status === 'duplicate'),
          'duplicates on a first attempt',
        ).toEqual([]);
      expect(attempt, 'attempts while the store stays unavailable').toBeLessThan(20);
      pending = pending.filter((_, j) => unavailable.includes(results[j]!));
    }
  }
};
