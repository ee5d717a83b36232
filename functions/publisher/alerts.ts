import { createHash } from 'node:crypto';
import { addHistograms, emptyHistogram, type Histogram } from '../../domain/histogram';
import { planHours, planRange } from '../../domain/range-plan';
import {
  decideSpike,
  detractorShareTest,
  type PeriodCounts,
  periodStatistics,
  SPIKE_BASELINE_DAYS,
  SPIKE_WINDOW_HOURS,
  type SpikeThresholds,
} from '../../domain/spike';
import { addDays, dayOfInstant, hourStart } from '../../domain/time';
import { mapLimited } from '../shared/concurrency';
import { type AlertEntry, OUTBOX_TTL_SECONDS } from '../shared/outbox';
import { bucketKey, type ProjectionStore } from '../shared/projection-store';

/** The alert state of one segment. */
export interface Episode {
  segment: string;
  open: boolean;
  /** Id of the current (or last) episode. */
  alertId?: string;
  /** Optimistic-concurrency version of this state. */
  version: number;
}

/** Where episode states live; a transition is written with its outbox entry, atomically. */
export interface AlertStore {
  readEpisode(segment: string): Promise<Episode>;
  listOpenEpisodes(): Promise<Episode[]>;
  /** Writes the next state and its alert entry if the state is still at `episode.version`; false otherwise. */
  transition(episode: Episode, next: Episode, entry: AlertEntry): Promise<boolean>;
}

export interface AlertDependencies {
  projections: ProjectionStore;
  alerts: AlertStore;
  thresholds: SpikeThresholds;
  now: () => number;
}

const HOUR_MS = 3_600_000;
const CONCURRENCY = 8;
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

/**
 * Reads, for each segment, the alert window (the 24 hourly buckets ending with the
 * current hour), its baseline (the 28 days before), today and the last 30 days — one
 * plan of stored buckets per segment, fetched with as few `BatchGetItem`s as it takes.
 */
export const readSnapshots = async (
  segments: string[],
  projections: ProjectionStore,
  now: number,
  generation?: number,
): Promise<SegmentSnapshot[]> => {
  const gen = generation ?? (await projections.readMeta()).current;
  const windowTo = hourStart(now) + HOUR_MS;
  const windowFrom = windowTo - SPIKE_WINDOW_HOURS * HOUR_MS;
  const baselineFrom = windowFrom - SPIKE_BASELINE_DAYS * 24 * HOUR_MS;
  const today = dayOfInstant(now);
  const first30 = addDays(today, -29);
  const plans = {
    window: planHours(windowFrom, windowTo).map((p) => ({ ...p, sign: 1 as const })),
    baseline: planHours(baselineFrom, windowFrom).map((p) => ({ ...p, sign: 1 as const })),
    today: [{ granularity: 'day' as const, bucket: today, sign: 1 as const }],
    last30: planRange(first30, today),
  };
  const keys = [
    ...new Map(
      Object.values(plans)
        .flat()
        .map((p) => [bucketKey(p.granularity, p.bucket), p]),
    ).values(),
  ];
  return mapLimited(segments, CONCURRENCY, async (segment) => {
    const read = await projections.readBuckets(gen, segment, keys);
    const sum = (plan: { granularity: 'hour' | 'day' | 'month'; bucket: string; sign: 1 | -1 }[]) =>
      addHistograms(
        plan.map((p) => read.value.get(bucketKey(p.granularity, p.bucket)) ?? emptyHistogram()),
        plan.map((p) => p.sign),
      );
    const counts = (scores: Histogram) => ({
      responses: scores.reduce((a, b) => a + b, 0),
      detractors: scores.slice(0, 7).reduce((a, b) => a + b, 0),
    });
    return {
      segment,
      window: { ...counts(sum(plans.window)), from: iso(windowFrom), to: iso(windowTo) },
      baseline: { ...counts(sum(plans.baseline)), from: iso(baselineFrom), to: iso(windowFrom) },
      today: { day: today, scores: sum(plans.today) },
      last30: { from: first30, to: today, scores: sum(plans.last30) },
    };
  });
};

/**
 * Decides the detractor-share alert of each snapshot's segment and records transitions:
 * each opens or closes an episode and writes its alert to the outbox in the same
 * transaction, so a replayed evaluation never alerts twice and a crash never loses one.
 *
 * @example
 * await evaluateSnapshots(await readSnapshots(['all'], projections, Date.now()), deps);
 */
export const evaluateSnapshots = async (
  snapshots: SegmentSnapshot[],
  deps: AlertDependencies,
): Promise<{ spiked: string[]; recovered: string[] }> => {
  const result = { spiked: [] as string[], recovered: [] as string[] };
  const now = deps.now();
  await mapLimited(snapshots, CONCURRENCY, async ({ segment, window, baseline }) => {
    const episode = await deps.alerts.readEpisode(segment);
    const decision = decideSpike(window, baseline, deps.thresholds, episode.open);
    if (decision === 'none') return;
    const alertId =
      decision === 'spike'
        ? `${createHash('sha256').update(`${segment}|${window.to}|${episode.version}`).digest('base64url').slice(0, 12)}-${window.to.slice(0, 13)}`
        : episode.alertId!;
    const { lift, z } = detractorShareTest(window, baseline);
    const entry: AlertEntry = {
      id: `alert#${alertId}#${decision}`,
      kind: 'alert',
      detailType: decision === 'spike' ? 'DetractorShareSpiked' : 'DetractorShareRecovered',
      occurredAt: iso(now),
      data: {
        segment,
        alertId,
        window: periodStatistics(window, window.from, window.to),
        baseline: periodStatistics(baseline, baseline.from, baseline.to),
        lift,
        z,
      },
      expiresAt: Math.floor(now / 1000) + OUTBOX_TTL_SECONDS,
    };
    const next: Episode = { segment, open: decision === 'spike', alertId, version: episode.version + 1 };
    if (await deps.alerts.transition(episode, next, entry)) (decision === 'spike' ? result.spiked : result.recovered).push(segment);
  });
  return result;
};

/** Closes open episodes whose window has recovered (run at least every 15 minutes). */
export const sweepOpenEpisodes = async (deps: AlertDependencies) => {
  const open = (await deps.alerts.listOpenEpisodes()).map((episode) => episode.segment);
  return evaluateSnapshots(await readSnapshots(open, deps.projections, deps.now()), deps);
};
