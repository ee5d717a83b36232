import { bucketKeysOf } from './buckets';
import { loopOf } from './follow-up';
import type { ResponseState } from './response';
import { categoryOf } from './score';
import { type Combination, segmentKeysOf } from './segments';

/**
 * The close-the-loop figures of detractor responses, as counts that add up: per segment and
 * day or month of `submittedAt` (keys `<segment>|day|YYYY-MM-DD`, `<segment>|month|YYYY-MM`),
 * a response counts while it is an active detractor: `d` (detractors), `c` (contacted: a `contacted` or `resolved`
 * follow-up), `w` (first contact within 48 hours of `submittedAt`), `s` (resolved), and
 * `h<minutes>` the time to first contact — to the minute within 48 hours, to the hour
 * (rounded down) after — for the median.
 */
export type LoopCounts = Map<string, Map<string, number>>;

export const WITHIN_MS = 48 * 3_600_000;
const MINUTE_MS = 60_000;
const EXACT_MINUTES = 48 * 60;

/**
 * Minutes to first contact as counted: exact within 48 hours, whole hours after.
 *
 * @example
 * contactMinutes(90 * 60_000); // 90
 * contactMinutes(50 * 3_600_000 + 59 * 60_000); // 3000 (50 h)
 */
export const contactMinutes = (ms: number): number => {
  const minutes = Math.floor(ms / MINUTE_MS);
  return minutes < EXACT_MINUTES ? minutes : minutes - (minutes % 60);
};

/** What one response state adds to the loop counts (nothing unless an active detractor). */
export const loopContribution = (
  state: ResponseState | undefined,
  combinations: readonly Combination[],
): LoopCounts => {
  const counts: LoopCounts = new Map();
  if (state?.status !== 'active' || categoryOf(state.score) !== 'detractor') return counts;
  const { firstContactAt, resolvedAt } = loopOf(state);
  const attributes = new Map([['d', 1]]);
  if (firstContactAt) {
    const ms = Date.parse(firstContactAt) - Date.parse(state.submittedAt);
    attributes.set('c', 1).set(`h${contactMinutes(ms)}`, 1);
    if (ms <= WITHIN_MS) attributes.set('w', 1);
  }
  if (resolvedAt) attributes.set('s', 1);
  const { day, month } = bucketKeysOf(Date.parse(state.submittedAt));
  for (const segment of segmentKeysOf(state.segments, combinations)) {
    counts.set(`${segment}|day|${day}`, attributes);
    counts.set(`${segment}|month|${month}`, attributes);
  }
  return counts;
};

/** Adds `counts` (times `sign`) into `into`, item by item; answers `into`. */
export const addLoopCounts = (into: LoopCounts, counts: LoopCounts, sign: 1 | -1 = 1): LoopCounts => {
  for (const [item, attributes] of counts) {
    const sums = into.get(item) ?? new Map<string, number>();
    for (const [name, value] of attributes) sums.set(name, (sums.get(name) ?? 0) + sign * value);
    into.set(item, sums);
  }
  return into;
};

/** `after − before` of two contributions, zeros left out. */
export const loopDelta = (before: LoopCounts, after: LoopCounts): LoopCounts => {
  const delta = addLoopCounts(addLoopCounts(new Map(), after), before, -1);
  for (const [item, attributes] of delta) {
    for (const [name, value] of attributes) if (value === 0) attributes.delete(name);
    if (!attributes.size) delta.delete(item);
  }
  return delta;
};

/** A share with its 95% Wilson score interval (null without a denominator). */
export interface Proportion {
  answeredAgain: number;
  recovered: number;
  share: number | null;
  ci95: { low: number; high: number } | null;
}

const Z95 = 1.959963984540054;

/**
 * The 95% Wilson score interval of k successes in n: sound for small n and for shares near 0 or 1.
 *
 * @example
 * wilsonInterval(0, 10); // { low: 0, high: 0.2775… }
 */
export const wilsonInterval = (k: number, n: number): { low: number; high: number } | null => {
  if (n === 0) return null;
  const p = k / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
};

/** Recovery of one group: of those who answered again, how many came back passive or promoter. */
export const proportionOf = (answeredAgain: number, recovered: number): Proportion => ({
  answeredAgain,
  recovered,
  share: answeredAgain ? recovered / answeredAgain : null,
  ci95: wilsonInterval(recovered, answeredAgain),
});

/**
 * The median of a histogram of minutes, in hours; null when it is empty. With an even
 * count, the mean of the two middle values.
 *
 * @example
 * medianHours(new Map([[60, 1], [180, 1]])); // 2
 */
export const medianHours = (minutes: ReadonlyMap<number, number>): number | null => {
  const sorted = [...minutes].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  if (!total) return null;
  const at = (rank: number) => {
    let seen = 0;
    for (const [value, n] of sorted) {
      seen += n;
      if (seen > rank) return value;
    }
    return sorted.at(-1)![0];
  };
  const middle = total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
  return middle / 60;
};

/** The loop figures of a range from the counts summed over it and the recovery counts of its detractors. */
export const loopFigures = (
  counts: ReadonlyMap<string, number>,
  recovery: { contacted: [number, number]; notContacted: [number, number] },
) => {
  const detractors = counts.get('d') ?? 0;
  const share = (name: string) => (detractors ? (counts.get(name) ?? 0) / detractors : null);
  const minutes = new Map(
    [...counts].filter(([name]) => name.startsWith('h')).map(([name, n]) => [Number(name.slice(1)), n] as const),
  );
  return {
    detractors,
    contacted: counts.get('c') ?? 0,
    contactedShare: share('c'),
    contactedWithin48hShare: share('w'),
    medianHoursToFirstContact: medianHours(minutes),
    resolvedShare: share('s'),
    recovery: {
      contacted: proportionOf(...recovery.contacted),
      notContacted: proportionOf(...recovery.notContacted),
    },
  };
};

export type LoopFigures = ReturnType<typeof loopFigures>;
