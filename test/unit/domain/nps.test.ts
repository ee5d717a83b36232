import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyHistogram } from '../../../domain/histogram';
import { adjustedWaldInterval, npsStatistics } from '../../../domain/nps';
import { categoryOf } from '../../../domain/score';

/** A histogram with P promoters (score 10), Q passives (score 8) and D detractors (score 0). */
const histogram = (promoters: number, passives: number, detractors: number) => {
  const h = emptyHistogram();
  h[10] = promoters;
  h[8] = passives;
  h[0] = detractors;
  return h;
};

describe('categories', () => {
  it('splits 0–6 / 7–8 / 9–10', () => {
    expect([0, 6, 7, 8, 9, 10].map(categoryOf)).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
  });
});

describe('adjusted-Wald interval (values computed independently)', () => {
  it.each([
    [50, 10, 100, 25.93353796160597, 51.73636495101538, 12.901413494704704],
    [1, 0, 1, -48.5, 98.5, 73.5],
    [0, 5, 5, -100, -17.490625976359098, 45.0093740236409],
    [30, 30, 60, -24.397935553223743, 24.397935553223743, 24.397935553223743],
    [1000, 0, 1000, 99.2867756278146, 100, 0.4141216802611752],
  ])('P=%i D=%i N=%i', (...[p, d, n, low, high, moe]) => {
    const interval = adjustedWaldInterval(p, d, n);
    expect(interval.low).toBeCloseTo(low, 9);
    expect(interval.high).toBeCloseTo(high, 9);
    expect(interval.marginOfError).toBeCloseTo(moe, 9);
  });
});

describe('npsStatistics', () => {
  it('computes counts, NPS and shares', () => {
    const stats = npsStatistics(histogram(50, 40, 10));
    expect(stats).toMatchObject({
      responses: 100,
      promoters: 50,
      passives: 40,
      detractors: 10,
      nps: 40,
      promoterShare: 0.5,
      passiveShare: 0.4,
      detractorShare: 0.1,
    });
    expect(stats.scores[10]).toBe(50);
  });

  it('is null everywhere it is undefined for no responses', () => {
    expect(npsStatistics(emptyHistogram())).toEqual({
      responses: 0,
      promoters: 0,
      passives: 0,
      detractors: 0,
      nps: null,
      promoterShare: null,
      passiveShare: null,
      detractorShare: null,
      ci95: null,
      marginOfError: null,
      scores: emptyHistogram(),
    });
  });

  it('keeps NPS and interval within [-100, 100], shares summing to 1', () => {
    const counts = fc
      .array(fc.nat({ max: 10_000 }), { minLength: 11, maxLength: 11 })
      .filter((h) => h.some((c) => c > 0));
    fc.assert(
      fc.property(counts, (h) => {
        const s = npsStatistics(h);
        expect(s.responses).toBe(h.reduce((a, b) => a + b, 0));
        expect(s.nps!).toBeGreaterThanOrEqual(-100);
        expect(s.nps!).toBeLessThanOrEqual(100);
        expect(s.promoterShare! + s.passiveShare! + s.detractorShare!).toBeCloseTo(1, 12);
        expect(s.ci95!.low).toBeGreaterThanOrEqual(-100);
        expect(s.ci95!.high).toBeLessThanOrEqual(100);
        expect(s.ci95!.low).toBeLessThanOrEqual(s.ci95!.high);
        expect(s.marginOfError!).toBeGreaterThan(0);
      }),
    );
  });

  it('narrows the interval as the same proportions get more responses', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 50 }),
        fc.nat({ max: 50 }),
        fc.nat({ max: 50 }),
        fc.integer({ min: 2, max: 20 }),
        (p, q, d, k) => {
          fc.pre(p + q + d > 0);
          const small = npsStatistics(histogram(p, q, d)).marginOfError!;
          const large = npsStatistics(histogram(k * p, k * q, k * d)).marginOfError!;
          expect(large).toBeLessThan(small);
        },
      ),
    );
  });
});
