import { createHash } from 'node:crypto';
import {
  decideSpike,
  detractorShareTest,
  periodStatistics,
  type SpikeDecision,
  type SpikeThresholds,
} from '../../../domain/spike';
import type { ProjectionStore } from '../../projection-engine/store';
import { mapLimited } from '../concurrency';
import { type AlertEntry, OUTBOX_TTL_SECONDS } from '../outbox';
import type { AlertStore, Episode } from './alert-store';
import { readSnapshots, type SegmentSnapshot, SNAPSHOT_CONCURRENCY } from './snapshots';

export interface AlertDependencies {
  projections: ProjectionStore;
  alerts: AlertStore;
  thresholds: SpikeThresholds;
  now: () => number;
}

/** Segments whose episode opened (spiked) or closed (recovered) in an evaluation. */
export interface AlertOutcome {
  spiked: string[];
  recovered: string[];
}

/** A new episode's id: the same for every evaluation that opens this episode (replays included). */
const newAlertId = (segment: string, windowTo: string, episodeVersion: number): string =>
  `${digest(`${segment}|${windowTo}|${episodeVersion}`)}-${windowTo.slice(0, 13)}`;

/** The first 12 characters of a text's SHA-256, base64url. */
const digest = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 12);

/** The outbox entry that publishes a decision: `DetractorShareSpiked` or `DetractorShareRecovered`. */
const alertEntry = (
  snapshot: SegmentSnapshot,
  decision: Exclude<SpikeDecision, 'none'>,
  alertId: string,
  now: number,
): AlertEntry => {
  const { segment, window, baseline } = snapshot;
  const { lift, z } = detractorShareTest(window, baseline);
  return {
    id: `alert#${alertId}#${decision}`,
    kind: 'alert',
    detailType: decision === 'spike' ? 'DetractorShareSpiked' : 'DetractorShareRecovered',
    occurredAt: new Date(now).toISOString(),
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
};

/** Evaluates one segment; answers the decision it recorded, if any. */
const evaluateSegment = async (
  snapshot: SegmentSnapshot,
  deps: AlertDependencies,
  now: number,
): Promise<SpikeDecision> => {
  const episode = await deps.alerts.readEpisode(snapshot.segment);
  const decision = decideSpike(snapshot.window, snapshot.baseline, deps.thresholds, episode.open);
  if (decision === 'none') return 'none';
  const alertId =
    decision === 'spike' ? newAlertId(snapshot.segment, snapshot.window.to, episode.version) : episode.alertId!;
  const next: Episode = {
    segment: snapshot.segment,
    open: decision === 'spike',
    alertId,
    version: episode.version + 1,
  };
  const recorded = await deps.alerts.transition({ episode, next, entry: alertEntry(snapshot, decision, alertId, now) });
  return recorded ? decision : 'none';
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
): Promise<AlertOutcome> => {
  const now = deps.now();
  const decisions = await mapLimited(snapshots, SNAPSHOT_CONCURRENCY, (snapshot) =>
    evaluateSegment(snapshot, deps, now),
  );
  const segmentsWith = (decision: SpikeDecision) =>
    snapshots.filter((_, i) => decisions[i] === decision).map((s) => s.segment);
  return { spiked: segmentsWith('spike'), recovered: segmentsWith('recover') };
};

/**
 * Closes open episodes whose window has recovered (run at least every 15 minutes).
 *
 * @example
 * const { recovered } = await sweepOpenEpisodes(deps);
 */
export const sweepOpenEpisodes = async (deps: AlertDependencies): Promise<AlertOutcome> => {
  const open = (await deps.alerts.listOpenEpisodes()).map((episode) => episode.segment);
  return evaluateSnapshots(await readSnapshots(open, deps.projections, deps.now()), deps);
};
