import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketKeysOf, bucketsMeeting, countBuckets, GRANULARITIES } from '../../../domain/buckets';
import { addDays, formatDay, monthEnd, parseDay, weekStartOf } from '../../../domain/time';

const day = fc.integer({ min: parseDay('2000-01-01')!, max: parseDay('2039-12-31')! }).map(formatDay);

describe('days', () => {
  it('parses only real dates', () => {
    expect(parseDay('2024-02-29')).toBeDefined();
    expect(parseDay('2023-02-29')).toBeUndefined();
    expect(parseDay('2026-13-01')).toBeUndefined();
    expect(parseDay('2026-1-01')).toBeUndefined();
  });

  it('knows month ends, leap years included', () => {
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('2026-02')).toBe('2026-02-28');
    expect(monthEnd('2026-12')).toBe('2026-12-31');
  });
});

describe('buckets', () => {
  it('puts an instant in its UTC hour, day, ISO week (Monday) and month', () => {
    expect(bucketKeysOf(Date.parse('2026-11-20T10:15:00Z'))).toEqual({
      hour: '2026-11-20T10',
      day: '2026-11-20',
      week: '2026-11-16',
      month: '2026-11',
    });
    // A Sunday late evening in New York is Monday in UTC: a new ISO week.
    expect(bucketKeysOf(Date.parse('2026-11-22T23:30:00-05:00')).week).toBe('2026-11-23');
    // ISO week 1 of 2021 starts on Monday 2021-01-04; 2021-01-03 belongs to the week of 2020-12-28.
    expect(weekStartOf('2021-01-03')).toBe('2020-12-28');
  });

  it('starts every week on a Monday no more than 6 days before', () => {
    fc.assert(
      fc.property(day, (d) => {
        const monday = weekStartOf(d);
        expect(new Date(`${monday}T00:00:00Z`).getUTCDay()).toBe(1);
        expect(parseDay(d)! - parseDay(monday)!).toBeGreaterThanOrEqual(0);
        expect(parseDay(d)! - parseDay(monday)!).toBeLessThan(7);
      }),
    );
  });

  it('lists whole buckets that meet the range, as many as countBuckets says, covering it without gaps', () => {
    fc.assert(
      fc.property(day, fc.nat({ max: 120 }), fc.constantFrom(...GRANULARITIES), (from, span, granularity) => {
        const to = addDays(from, span);
        const buckets = bucketsMeeting(granularity, from, to);
        expect(buckets.length).toBe(countBuckets(granularity, from, to));
        if (granularity === 'hour') {
          expect(buckets[0]!.from).toBe(`${from}T00:00:00Z`);
          expect(buckets.at(-1)!.to).toBe(`${addDays(to, 1)}T00:00:00Z`);
          return;
        }
        expect(buckets[0]!.from <= from && buckets[0]!.to >= from).toBe(true);
        expect(buckets.at(-1)!.from <= to && buckets.at(-1)!.to >= to).toBe(true);
        for (const [i, bucket] of buckets.slice(1).entries()) expect(bucket.from).toBe(addDays(buckets[i]!.to, 1));
      }),
    );
  });

  it('gives hour points ISO start and exclusive end', () => {
    expect(bucketsMeeting('hour', '2026-11-20', '2026-11-20')[10]).toEqual({
      key: '2026-11-20T10',
      from: '2026-11-20T10:00:00Z',
      to: '2026-11-20T11:00:00Z',
    });
  });
});
