/** Responses and detractors of one period. */
export interface PeriodCounts {
  responses: number;
  detractors: number;
}

/** A period as the alert events report it. */
export interface PeriodStatistics extends PeriodCounts {
  from: string;
  to: string;
  /** detractors / responses; null without responses. */
  detractorShare: number | null;
}

export interface SpikeThresholds {
  /** Least responses in the window for an alert (default 30). */
  minResponses: number;
  /** Least absolute lift of the detractor share over the baseline (default 0.10). */
  minLift: number;
  /** Least one-sided pooled two-proportion z (default 2.33, about p < 0.01). */
  zThreshold: number;
}

export const DEFAULT_SPIKE_THRESHOLDS: SpikeThresholds = { minResponses: 30, minLift: 0.1, zThreshold: 2.33 };

/** Length of the alert window and of the baseline before it. */
export const SPIKE_WINDOW_HOURS = 24;
export const SPIKE_BASELINE_DAYS = 28;

export interface SpikeTest {
  /** Window share minus baseline share; null when either period has no responses. */
  lift: number | null;
  /** Pooled two-proportion z of the window share above the baseline share; null when undefined. */
  z: number | null;
}

/**
 * Is the window's detractor share above the baseline's? Lift is the absolute difference
 * of shares; z the pooled two-proportion statistic
 * `(p1 − p0) / sqrt(p (1 − p) (1/n1 + 1/n0))` with `p = (d1 + d0) / (n1 + n0)`.
 *
 * @example
 * detractorShareTest({ responses: 100, detractors: 40 }, { responses: 1000, detractors: 200 });
 * // { lift: 0.2, z: 4.617… }
 */
export const detractorShareTest = (window: PeriodCounts, baseline: PeriodCounts): SpikeTest => {
  if (window.responses === 0 || baseline.responses === 0) return { lift: null, z: null };
  const p1 = window.detractors / window.responses;
  const p0 = baseline.detractors / baseline.responses;
  const pooled = (window.detractors + baseline.detractors) / (window.responses + baseline.responses);
  const variance = pooled * (1 - pooled) * (1 / window.responses + 1 / baseline.responses);
  return { lift: p1 - p0, z: variance > 0 ? (p1 - p0) / Math.sqrt(variance) : null };
};

/** What an evaluation decides for a segment, given whether an episode is open. */
export type SpikeDecision = 'spike' | 'recover' | 'none';

/**
 * Opens an episode when the window has at least `minResponses`, a lift of at least
 * `minLift` and a z of at least `zThreshold`; closes an open one when the lift falls below
 * `minLift / 2` or the window is empty. At most one alert per episode: an open episode
 * never spikes again.
 *
 * @example
 * decideSpike({ responses: 40, detractors: 30 }, { responses: 900, detractors: 90 }, DEFAULT_SPIKE_THRESHOLDS, false);
 * // 'spike'
 */
export const decideSpike = (
  window: PeriodCounts,
  baseline: PeriodCounts,
  thresholds: SpikeThresholds,
  episodeOpen: boolean,
): SpikeDecision => {
  const { lift, z } = detractorShareTest(window, baseline);
  if (episodeOpen) {
    const recovered = window.responses === 0 || (lift !== null && lift < thresholds.minLift / 2);
    return recovered ? 'recover' : 'none';
  }
  const spiked =
    window.responses >= thresholds.minResponses &&
    lift !== null &&
    lift >= thresholds.minLift &&
    z !== null &&
    z >= thresholds.zThreshold;
  return spiked ? 'spike' : 'none';
};

/** The statistics of a period for an alert payload. */
export const periodStatistics = (counts: PeriodCounts, from: string, to: string): PeriodStatistics => ({
  from,
  to,
  ...counts,
  detractorShare: counts.responses ? counts.detractors / counts.responses : null,
});
