import { describe, expect, it } from 'vitest';
import { catalogOf, cellsOf, createCounterFold } from '../../../domain/projection';
import type { ResponseState } from '../../../domain/response';

const state = (score: number, extra: Partial<ResponseState> = {}): ResponseState => ({
  responseId: 'r',
  version: 1,
  status: 'active',
  score,
  submittedAt: '2026-11-20T10:15:00.000Z',
  segments: { region: 'eu', plan: 'pro' },
  hasComment: false,
  hasRespondentId: false,
  ...extra,
});

const byCell = (deltas: ReturnType<ReturnType<typeof createCounterFold>['deltas']>) =>
  Object.fromEntries(
    deltas.map((d) => [
      `${d.segment}|${d.granularity}|${d.bucket}`,
      d.scores.flatMap((c, s) => (c ? [`${s}:${c}`] : [])),
    ]),
  );

describe('cells', () => {
  it('are every segment × granularity bucket of the original submission time', () => {
    const cells = cellsOf(state(9), [['plan', 'region']]);
    expect(cells).toHaveLength(4 * 4);
    expect(cells).toContainEqual(
      expect.objectContaining({ segment: 'plan:pro,region:eu', granularity: 'week', bucket: '2026-11-16' }),
    );
  });
});

describe('counter fold', () => {
  it('adds a submission, moves an amendment within its buckets, removes an erasure', () => {
    const fold = createCounterFold([]);
    const submitted = state(3);
    const amended = state(9, { version: 2, amendedAt: '2026-11-25T00:00:00.000Z' });
    fold.add(undefined, submitted);
    fold.add(submitted, amended);
    expect(byCell(fold.deltas())['region:eu|day|2026-11-20']).toEqual(['9:1']);
    fold.add(amended, { ...amended, version: 3, status: 'erased' });
    expect(fold.deltas()).toEqual([]);
  });

  it('changes nothing for a comment-only amendment or an event after erasure', () => {
    const fold = createCounterFold([]);
    fold.add(state(5), state(5, { version: 2, hasComment: true }));
    fold.add(state(5, { status: 'erased' }), state(5, { status: 'erased', version: 3 }));
    expect(fold.deltas()).toEqual([]);
  });

  it('coalesces many responses into one delta per cell', () => {
    const fold = createCounterFold([]);
    for (let i = 0; i < 50; i++) fold.add(undefined, state(i % 11));
    const deltas = fold.deltas();
    expect(deltas).toHaveLength(3 * 4);
    expect(deltas.every((d) => d.scores.reduce((a, b) => a + b, 0) === 50)).toBe(true);
  });
});

describe('catalog', () => {
  it('collects dimension values', () => {
    expect(catalogOf([state(1), state(2, { segments: { region: 'us' } }), undefined])).toEqual(
      new Map([
        ['plan', new Set(['pro'])],
        ['region', new Set(['eu', 'us'])],
      ]),
    );
  });
});
