import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planHours, planRange } from '../../../domain/range-plan';
import { addDays, daysInclusive, formatDay, monthOf, parseDay } from '../../../domain/time';

const day = fc.integer({ min: parseDay('2020-01-01')!, max: parseDay('2030-12-31')! }).map(formatDay);

/** The days a planned read covers: its day, or every day of its month. */
const daysOf = (read: ReturnType<typeof planRange>[number]): string[] => {
  if (read.granularity === 'day') return [read.bucket];
  const days: string[] = [];
  for (let d = `${read.bucket}-01`; monthOf(d) === read.bucket; d = addDays(d, 1)) days.push(d);
  return days;
};

/** Per day, how many times the plan counts it (months expanded into their days). */
const coverage = (plan: ReturnType<typeof planRange>): Map<string, number> => {
  const counted = new Map<string, number>();
  for (const read of plan) {
    for (const d of daysOf(read)) counted.set(d, (counted.get(d) ?? 0) + read.sign);
  }
  return counted;
};

describe('planRange', () => {
  it('counts every day of the range exactly once and no other day', () => {
    fc.assert(
      fc.property(day, fc.nat({ max: 800 }), (from, span) => {
        const to = addDays(from, span);
        const counted = coverage(planRange(from, to));
        const inside = (d: string) => d >= from && d <= to;
        for (const [d, times] of counted) expect(times, d).toBe(inside(d) ? 1 : 0);
        expect([...counted].filter(([d, times]) => inside(d) && times === 1)).toHaveLength(daysInclusive(from, to));
      }),
      { numRuns: 300 },
    );
  });

  it('reads at most 44 items for any 365-day range and 1 for a calendar month', () => {
    fc.assert(
      fc.property(day, (from) => {
        expect(planRange(from, addDays(from, 364)).length).toBeLessThanOrEqual(44);
      }),
    );
    expect(planRange('2026-02-01', '2026-02-28')).toEqual([{ granularity: 'month', bucket: '2026-02', sign: 1 }]);
  });

  it('uses month minus the outside days when that reads fewer items', () => {
    expect(planRange('2026-11-02', '2026-11-30')).toEqual([
      { granularity: 'month', bucket: '2026-11', sign: 1 },
      { granularity: 'day', bucket: '2026-11-01', sign: -1 },
    ]);
    expect(planRange('2026-11-10', '2026-11-12').every((r) => r.granularity === 'day' && r.sign === 1)).toBe(true);
  });
});

describe('planHours', () => {
  const HOUR = 3_600_000;
  it('covers hour-aligned ranges with edge hours and whole days, each hour exactly once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 24 * 400 }), fc.integer({ min: 0, max: 24 * 40 }), (startHour, hours) => {
        const from = Date.UTC(2025, 0, 1) + startHour * HOUR;
        const plan = planHours(from, from + hours * HOUR);
        const covered = plan.flatMap((r) =>
          r.granularity === 'hour'
            ? [r.bucket]
            : Array.from({ length: 24 }, (_, h) => `${r.bucket}T${String(h).padStart(2, '0')}`),
        );
        const expected = Array.from({ length: hours }, (_, h) => new Date(from + h * HOUR).toISOString().slice(0, 13));
        expect(covered).toEqual(expected);
        expect(plan.length).toBeLessThanOrEqual(48 + hours / 24);
      }),
    );
  });
});
