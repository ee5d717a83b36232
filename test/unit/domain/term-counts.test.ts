import { describe, expect, it } from 'vitest';
import { termsOf } from '../../../domain/analysis/terms';
import type { ResponseState } from '../../../domain/response';
import { applyTermDelta, createTermFold, sumTermItems, type TermEntry } from '../../../domain/term-counts';

const state = (overrides: Partial<ResponseState> & { comment?: string }): ResponseState => {
  const { comment = 'Livraison lente', ...rest } = overrides;
  return {
    responseId: 'r1',
    version: 1,
    status: 'active',
    score: 3,
    submittedAt: '2026-03-14T10:00:00Z',
    segments: { region: 'eu' },
    hasComment: true,
    hasRespondentId: false,
    commentVersion: 1,
    analysis: { language: 'fr', sentiment: 'negative', themes: {}, terms: termsOf(comment, 'fr') },
    ...rest,
  };
};

const entry = (count: number, detractorCount: number, promoterCount: number, text = 'x'): TermEntry => ({
  text,
  count,
  detractorCount,
  promoterCount,
});

describe('createTermFold', () => {
  it('counts each term of a comment once per segment in the month of submittedAt, by category', () => {
    const fold = createTermFold([]);
    fold.add(undefined, state({}));
    const deltas = fold.deltas();
    expect(deltas.map((d) => d.id).sort()).toEqual(['all|2026-03', 'region:eu|2026-03']);
    const all = deltas.find((d) => d.segment === 'all')!;
    expect([...all.terms.keys()].sort()).toEqual(
      termsOf('Livraison lente', 'fr')
        .map((t) => t.key)
        .sort(),
    );
    expect(all.terms.get(termsOf('livraison', 'fr')[0]!.key)).toEqual({
      text: 'livraison',
      count: 1,
      detractorCount: 1,
      promoterCount: 0,
    });
  });

  it('moves terms between categories on a score amendment and takes them all out on erasure', () => {
    const submitted = state({});
    const amended = { ...submitted, version: 2, score: 10 };
    const erased = { ...amended, version: 3, status: 'erased' as const };
    const fold = createTermFold([]);
    fold.add(submitted, amended);
    const moved = fold
      .deltas()
      .find((d) => d.segment === 'all')!
      .terms.get(termsOf('livraison', 'fr')[0]!.key);
    expect(moved).toEqual({ text: 'livraison', count: 0, detractorCount: -1, promoterCount: 1 });

    const whole = createTermFold([]);
    whole.add(undefined, submitted);
    whole.add(submitted, amended);
    whole.add(amended, erased);
    expect(whole.deltas()).toEqual([]);
  });

  it('counts nothing for a response without a comment or without terms attached', () => {
    const fold = createTermFold([]);
    fold.add(undefined, state({ commentVersion: undefined }));
    fold.add(undefined, { ...state({}), analysis: { language: 'en', sentiment: 'neutral', themes: {} } });
    expect(fold.deltas()).toEqual([]);
  });
});

describe('applyTermDelta', () => {
  it('adds counts, keeps the first readable form, and removes a term (name included) when it reaches 0', () => {
    const stored = new Map([
      ['en:slow', entry(2, 2, 0, 'slow')],
      ['en:jean', entry(1, 1, 0, 'jean')],
    ]);
    const next = applyTermDelta(
      stored,
      new Map([
        ['en:slow', entry(1, 0, 1, 'slower')],
        ['en:jean', entry(-1, -1, 0, 'jean')],
      ]),
    );
    expect([...next]).toEqual([['en:slow', entry(3, 2, 1, 'slow')]]);
    expect(stored.size).toBe(2);
  });

  it('ignores the removal of a term it no longer holds (pruned earlier) instead of going negative', () => {
    expect(applyTermDelta(new Map(), new Map([['en:gone', entry(-1, -1, 0)]])).size).toBe(0);
  });

  it('prunes the terms in fewest comments first when the item outgrows its size', () => {
    const many = new Map(
      Array.from({ length: 100 }, (_, i) => [`en:w${String(i).padStart(3, '0')}`, entry(1 + (i % 10), 0, 0)]),
    );
    const pruned = applyTermDelta(new Map(), many, 2_000);
    expect(pruned.size).toBeGreaterThan(0);
    expect(pruned.size).toBeLessThan(100);
    const kept = Math.min(...[...pruned.values()].map((e) => e.count));
    const dropped = [...many].filter(([key]) => !pruned.has(key)).map(([, e]) => e.count);
    expect(Math.max(...dropped)).toBeLessThanOrEqual(kept);
  });
});

describe('sumTermItems', () => {
  it('sums a term across months and names its language from its key', () => {
    const sums = sumTermItems([
      new Map([['fr:attent', entry(2, 2, 0, 'attente')]]),
      new Map([['fr:attent', entry(3, 1, 1, 'attentes')]]),
    ]);
    expect(sums).toEqual([
      { key: 'fr:attent', language: 'fr', text: 'attente', count: 5, detractorCount: 3, promoterCount: 1 },
    ]);
  });
});
