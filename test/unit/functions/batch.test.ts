import { describe, expect, it } from 'vitest';
import { submitBatch } from '../../../functions/ingest-api/batch';
import { DependencyUnavailableError, InvariantError } from '../../../functions/shared/errors';
import type { ResponseCommands } from '../../../functions/shared/response-commands';

/** Commands whose submit takes `ms` per item, throws for some ids, and records the order items ran in. */
const slowCommands = ({ ms, failing = {} }: { ms: number; failing?: Record<string, Error> }) => {
  const ran: string[] = [];
  const active = new Map<string, number>();
  let overlapped = false;
  const commands = {
    submit: async (body: unknown) => {
      const { responseId, i } = body as { responseId: string; i?: number };
      ran.push(`${responseId}${i ?? ''}`);
      active.set(responseId, (active.get(responseId) ?? 0) + 1);
      overlapped ||= active.get(responseId)! > 1;
      await new Promise((resolve) => setTimeout(resolve, ms));
      active.set(responseId, active.get(responseId)! - 1);
      if (failing[responseId]) throw failing[responseId];
      return { kind: 'accepted' as const, responseId };
    },
  } as unknown as ResponseCommands;
  return { commands, ran, overlapped: () => overlapped };
};

describe('a batch', () => {
  it('answers every item on its own, whatever one item throws', async () => {
    const { commands } = slowCommands({
      ms: 1,
      failing: { b: new DependencyUnavailableError('throttled'), c: new InvariantError('bug') },
    });
    const results = await submitBatch(
      commands,
      ['a', 'b', 'c', 'd'].map((responseId) => ({ responseId })),
      Date.now() + 5_000,
    );
    expect(results.map((r) => [r.responseId, r.status, r.error?.status])).toEqual([
      ['a', 'accepted', undefined],
      ['b', 'rejected', 503],
      ['c', 'rejected', 500],
      ['d', 'accepted', undefined],
    ]);
  });

  it('answers at its deadline: items not answered by then are rejected with a retryable 503 problem', async () => {
    const { commands } = slowCommands({ ms: 60 });
    const items = Array.from({ length: 40 }, (_, i) => ({ responseId: `r${i}` }));
    const started = Date.now();
    const results = await submitBatch(commands, items, started + 100);
    expect(Date.now() - started).toBeLessThan(400);
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'accepted').length).toBeGreaterThan(0);
    expect(rejected.length).toBeGreaterThan(20);
    expect(new Set(rejected.map((r) => r.error?.type))).toEqual(new Set(['urn:nps:problem:unavailable']));
    expect(results.map((r) => r.responseId)).toEqual(items.map((i) => i.responseId));
  });

  it('runs items with the same responseId one after another, in request order', async () => {
    const { commands, ran, overlapped } = slowCommands({ ms: 5 });
    await submitBatch(
      commands,
      ['x', 'y', 'x', 'x', 'z'].map((responseId, i) => ({ responseId, i })),
      Date.now() + 5_000,
    );
    expect(ran.filter((run) => run.startsWith('x'))).toEqual(['x0', 'x2', 'x3']);
    expect(overlapped()).toBe(false);
  });
});
