import {
  addDays,
  type Day,
  dayNumberOf,
  formatDay,
  hourKeyOf,
  hourKeyStart,
  MS_PER_DAY,
  mondayOf,
  monthEnd,
  monthOf,
  monthStart,
  nextMonth,
  weekStartOf,
} from './time';

export const GRANULARITIES = ['hour', 'day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/**
 * The key of the bucket an instant belongs to, per granularity. Keys sort in time order:
 * hour `2026-11-20T10`, day `2026-11-20`, week = its Monday `2026-11-16`, month `2026-11`.
 *
 * @example
 * bucketKeysOf(Date.parse('2026-11-20T10:15:00Z'));
 * // { hour: '2026-11-20T10', day: '2026-11-20', week: '2026-11-16', month: '2026-11' }
 */
export const bucketKeysOf = (epochMs: number): Record<Granularity, string> => {
  const dayNumber = Math.floor(epochMs / MS_PER_DAY);
  const day = formatDay(dayNumber);
  return { hour: hourKeyOf(epochMs), day, week: formatDay(mondayOf(dayNumber)), month: monthOf(day) };
};

/** One bucket of a time series, with the span it covers as the API reports it. */
export interface Bucket {
  key: string;
  /** Day buckets and coarser: first day; hour buckets: ISO start instant. */
  from: string;
  /** Day buckets and coarser: last day (inclusive); hour buckets: ISO start of the next hour (exclusive). */
  to: string;
}

const hourBucket = (start: number): Bucket => ({
  key: hourKeyOf(start),
  from: new Date(start).toISOString().replace('.000Z', 'Z'),
  to: new Date(start + 3_600_000).toISOString().replace('.000Z', 'Z'),
});

const firstBucketKey = (granularity: Granularity, from: Day): string => {
  if (granularity === 'hour') return `${from}T00`;
  if (granularity === 'day') return from;
  if (granularity === 'week') return weekStartOf(from);
  return monthOf(from);
};

const bucketOfKey = (granularity: Granularity, key: string): Bucket => {
  if (granularity === 'hour') return hourBucket(hourKeyStart(key));
  if (granularity === 'day') return { key, from: key, to: key };
  if (granularity === 'week') return { key, from: key, to: addDays(key, 6) };
  return { key, from: monthStart(key), to: monthEnd(key) };
};

const nextBucketKey = (granularity: Granularity, key: string): string => {
  if (granularity === 'hour') return hourKeyOf(hourKeyStart(key) + 3_600_000);
  if (granularity === 'day') return addDays(key, 1);
  if (granularity === 'week') return addDays(key, 7);
  return nextMonth(key);
};

/**
 * Number of buckets of a granularity that meet the days from..to (inclusive), without
 * listing them: lets a caller refuse an over-long series before doing any work.
 */
export const countBuckets = (granularity: Granularity, from: Day, to: Day): number => {
  const span = dayNumberOf(to) - dayNumberOf(from) + 1;
  if (span <= 0) return 0;
  if (granularity === 'hour') return span * 24;
  if (granularity === 'day') return span;
  if (granularity === 'week') return (dayNumberOf(weekStartOf(to)) - dayNumberOf(weekStartOf(from))) / 7 + 1;
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
};

/**
 * Every bucket of a granularity that meets the days from..to (inclusive), in order.
 * Each bucket is whole: a week that starts before `from` is listed with its own Monday.
 *
 * @example
 * bucketsMeeting('week', '2026-11-18', '2026-11-24').map((b) => b.key); // ['2026-11-16', '2026-11-23']
 */
export const bucketsMeeting = (granularity: Granularity, from: Day, to: Day): Bucket[] => {
  const buckets: Bucket[] = [];
  const last = granularity === 'hour' ? `${to}T23` : firstBucketKey(granularity, to);
  for (let key = firstBucketKey(granularity, from); key <= last; key = nextBucketKey(granularity, key)) {
    buckets.push(bucketOfKey(granularity, key));
  }
  return buckets;
};
