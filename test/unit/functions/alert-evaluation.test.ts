import { describe, expect, it } from 'vitest';
import { DEFAULT_SPIKE_THRESHOLDS } from '../../../domain/spike';
import type { AlertStore, Episode } from '../../../functions/shared/alerts/alert-store';
import { evaluateSnapshots, sweepOpenEpisodes } from '../../../functions/shared/alerts/evaluate';
import { readSnapshots } from '../../../functions/shared/alerts/snapshots';
import type { AlertEntry } from '../../../functions/shared/outbox';
import { type GivenResponse, whenProjected } from '../../support/projection-spec';

const NOW = Date.parse('2026-11-25T12:30:00Z');
const HOUR = 3_600_000;

/** Episode states in memory, with the optimistic check the DynamoDB store makes; the alert entries it wrote. */
const memoryAlerts = () => {
  const episodes = new Map<string, Episode>();
  const entries: AlertEntry[] = [];
  const store: AlertStore = {
    readEpisode: async (segment) => episodes.get(segment) ?? { segment, open: false, version: 0 },
    listOpenEpisodes: async () => [...episodes.values()].filter((episode) => episode.open),
    transition: async ({ episode, next, entry }) => {
      if ((episodes.get(episode.segment)?.version ?? 0) !== episode.version) return false;
      episodes.set(next.segment, next);
      entries.push(entry);
      return true;
    },
  };
  return { store, entries };
};

/**
 * 28 days of a few responses a day, one detractor in six; then, in the last 24 hours, `burst` responses two thirds
 * detractors.
 */
const history = (burst: number): GivenResponse[] => {
  const baseline = Array.from({ length: 28 * 6 }, (_, i) => ({
    responseId: `b${i}`,
    score: i % 6 === 0 ? 2 : 9,
    day: '',
    at: new Date(NOW - 26 * HOUR - Math.floor(i / 6) * 24 * HOUR).toISOString(),
    segments: { plan: 'pro' },
  }));
  const window = Array.from({ length: burst }, (_, i) => ({
    responseId: `w${i}`,
    score: i % 3 === 0 ? 10 : 1,
    day: '',
    at: new Date(NOW - (i % 20) * HOUR).toISOString(),
    segments: { plan: 'pro' },
  }));
  return [...baseline, ...window];
};

describe('detractor-share alerts, evaluated over projected counters', () => {
  it('spikes once per episode when the last 24 h are significantly worse than the 28 days before', async () => {
    const { store } = await whenProjected(history(45));
    const alerts = memoryAlerts();
    const deps = { projections: store, alerts: alerts.store, thresholds: DEFAULT_SPIKE_THRESHOLDS, now: () => NOW };
    const first = await evaluateSnapshots(await readSnapshots(['all', 'plan:pro'], store, NOW), deps);
    expect(first).toEqual({ spiked: ['all', 'plan:pro'], recovered: [] });
    const spike = alerts.entries.find((entry) => entry.data.segment === 'all')!;
    expect(spike.detailType).toBe('DetractorShareSpiked');
    expect(spike.data).toMatchObject({
      window: { responses: 45, detractors: 30 },
      baseline: { responses: 168, detractors: 28 },
    });
    expect(spike.data.z).toBeGreaterThanOrEqual(DEFAULT_SPIKE_THRESHOLDS.zThreshold);
    // evaluated again (a replay, the next batch): the episode is open, nothing more
    expect(await evaluateSnapshots(await readSnapshots(['all'], store, NOW), deps)).toEqual({
      spiked: [],
      recovered: [],
    });
    // three days later the window is empty: the sweep closes the open episodes with the same alert id
    const later = { ...deps, now: () => NOW + 72 * HOUR };
    expect((await sweepOpenEpisodes(later)).recovered.sort()).toEqual(['all', 'plan:pro']);
    const recovery = alerts.entries.find(
      (entry) => entry.detailType === 'DetractorShareRecovered' && entry.data.segment === 'all',
    );
    expect(recovery?.data.alertId).toBe(spike.data.alertId);
  });

  it('does not alert below the minimum of responses in the window', async () => {
    const { store } = await whenProjected(history(20));
    const alerts = memoryAlerts();
    const deps = { projections: store, alerts: alerts.store, thresholds: DEFAULT_SPIKE_THRESHOLDS, now: () => NOW };
    expect(await evaluateSnapshots(await readSnapshots(['all'], store, NOW), deps)).toEqual({
      spiked: [],
      recovered: [],
    });
    expect(alerts.entries).toEqual([]);
  });
});
