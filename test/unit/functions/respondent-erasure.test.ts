import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError } from '../../../functions/shared/errors';
import { createRespondentErasure } from '../../../functions/shared/respondent-erasure';
import type { RespondentIndex } from '../../../functions/shared/respondent-index';

/** An index over a map of live responses (as the personal data's index would list them) and the erasure memory. */
const fakeIndex = (responses: Map<string, string>) => {
  const remembered = new Map<string, number>();
  const index: RespondentIndex = {
    responsesOf: async (id) => [...responses].filter(([, owner]) => owner === id).map(([responseId]) => responseId),
    recordErasure: async (id, n) => {
      remembered.set(id, (remembered.get(id) ?? 0) + n);
      return remembered.get(id)!;
    },
    erasureOf: async (id) => (remembered.has(id) ? { responses: remembered.get(id)! } : undefined),
  };
  return index;
};

describe('erasure of a person', () => {
  it('erases what it can by the deadline, answers 503 (retryable), and a retry finishes the rest', async () => {
    const responses = new Map(Array.from({ length: 50 }, (_, i) => [`r-${i}`, i < 40 ? 'p' : 'q']));
    let clock = 0;
    const commands = {
      erase: async (responseId: string) => {
        clock += 10; // each erasure takes 10 ms
        responses.delete(responseId);
        return { kind: 'erased' as const };
      },
    };
    const erase = createRespondentErasure({ index: fakeIndex(responses), commands, now: () => clock });
    await expect(erase('p', 100)).rejects.toBeInstanceOf(DependencyUnavailableError);
    const left = [...responses.values()].filter((owner) => owner === 'p').length;
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(40);
    expect(await erase('p', Number.POSITIVE_INFINITY)).toEqual({ kind: 'erased', responses: 40 });
    expect(await erase('p', Number.POSITIVE_INFINITY)).toEqual({ kind: 'already-erased', responses: 40 });
    expect(await erase('nobody', Number.POSITIVE_INFINITY)).toEqual({ kind: 'not-found' });
    expect([...responses.values()]).toEqual(Array(10).fill('q'));
  });
});
