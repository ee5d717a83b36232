import { addHistograms, emptyHistogram, type Histogram } from '../../../domain/histogram';
import { planHours, planRange } from '../../../domain/range-plan';
import { categoryCounts } from '../../../domain/score';
import { type PeriodCounts, SPIKE_BASELINE_DAYS, SPIKE_WINDOW_HOURS } from '../../../domain/spike';
import { addDays, dayOfInstant, hourStart, MS_PER_HOUR } from '../../../domain/time';
import type { ProjectionStore } from '../../projection-engine/store';
import { bucketKey, readCounters } from '../../projections/counters';
import { mapLimited } from '../concurrency';

/** Segments read at once. */
export const SNAPSHOT_CONCURRENCY = 8;
const iso = (ms: number) => new Date(ms).toISOString();

/** Everything the publisher needs of a segment now, read in one go. */
export interface SegmentSnapshot {
  segment: string;
  window: PeriodCounts & { from: string; to: string };
  baseline: PeriodCounts & { from: string; to: string };
  /** Histogram of the current UTC day, and of the 30 days ending today. */
  today: { day: string; scores: Histogram };
  last30: { from: string; to: string; scores: Histogram };
}

type SignedRead = { granularity: 'hour' | 'day' | 'month'; bucket: string; sign: 1 | -1 };

/** The stored buckets of each period of a snapshot taken at `now`, and the periods' bounds. */
const snapshotPlan = (now: number) => {
  const windowTo = hourStart(now) + MS_PER_HOUR;
  const windowFrom = windowTo - SPIKE_WINDOW_HOURS * MS_PER_HOUR;
  const baselineFrom = windowFrom - SPIKE_BASELINE_DAYS * 24 * MS_PER_HOUR;
  const today = dayOfInstant(now);
  const first30 = addDays(today, -29);
  const plus = (reads: { granularity: 'hour' | 'day'; bucket: string }[]): SignedRead[] =>
    reads.map((read) => ({ ...read, sign: 1 }));
  const plans = {
    window: plus(planHours(windowFrom, windowTo)),
    baseline: plus(planHours(baselineFrom, windowFrom)),
    today: plus([{ granularity: 'day', bucket: today }]),
    last30: planRange(first30, today),
  };
  const bounds = {
    windowFrom: iso(windowFrom),
    windowTo: iso(windowTo),
    baselineFrom: iso(baselineFrom),
    today,
    first30,
  };
  return { plans, bounds };
};

const periodCounts = (scores: Histogram): PeriodCounts => {
  const { responses, detractors } = categoryCounts(scores);
  return { responses, detractors };
};

/**
 * Reads, for each segment, the alert window (the 24 hourly buckets ending with the
 * current hour), its baseline (the 28 days before), today and the last 30 days — one
 * plan of stored buckets per segment, fetched with as few `BatchGetItem`s as it takes.
 *
 * @example
 * const [all] = await readSnapshots(['all'], projections, Date.now());
 */
export const readSnapshots = async (
  segments: string[],
  projections: ProjectionStore,
  now: number,
): Promise<SegmentSnapshot[]> => {
  const generation = (await projections.readMeta()).current;
  const { plans, bounds } = snapshotPlan(now);
  const keys = [
    ...new Map(
      Object.values(plans)
        .flat()
        .map((p) => [bucketKey(p.granularity, p.bucket), p]),
    ).values(),
  ];
  return mapLimited(segments, SNAPSHOT_CONCURRENCY, async (segment) => {
    const read = await readCounters(projections, { generation, segment, buckets: keys });
    const sum = (plan: SignedRead[]) =>
      addHistograms(
        plan.map((p) => read.value.get(bucketKey(p.granularity, p.bucket))?.scores ?? emptyHistogram()),
        plan.map((p) => p.sign),
      );
    return {
      segment,
      window: { ...periodCounts(sum(plans.window)), from: bounds.windowFrom, to: bounds.windowTo },
      baseline: { ...periodCounts(sum(plans.baseline)), from: bounds.baselineFrom, to: bounds.windowFrom },
      today: { day: bounds.today, scores: sum(plans.today) },
      last30: { from: bounds.first30, to: bounds.today, scores: sum(plans.last30) },
    };
  });
};
