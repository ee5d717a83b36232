import type { Histogram } from './histogram';
import { categoryCounts } from './score';

/** z for a two-sided 95% interval. */
const Z95 = 1.96;

/** The NPS statistics of a set of responses, as every aggregate in the API carries them. */
export interface NpsStatistics {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** 100 × (P − D) / N, or null when N = 0. */
  nps: number | null;
  promoterShare: number | null;
  passiveShare: number | null;
  detractorShare: number | null;
  /** Adjusted-Wald 95% interval of the NPS, clamped to [−100, 100]; null when N = 0. */
  ci95: { low: number; high: number } | null;
  /** Half-width of the (unclamped) interval in NPS points; null when N = 0. */
  marginOfError: number | null;
  /** The 11 score counts, index = score. */
  scores: number[];
}

/** A value kept within the NPS scale, −100..100. */
export const clampNps = (value: number): number => Math.min(100, Math.max(-100, value));

/** 100 × (P − D) / N: the NPS of some counts (N > 0). */
export const npsOfCounts = (promoters: number, detractors: number, responses: number): number =>
  (100 * (promoters - detractors)) / responses;

/**
 * Variance of one response's contribution to P − D, for promoter and detractor shares
 * p and d: p + d − (p − d)² (a difference of multinomial proportions). An NPS over n
 * responses has the variance 1e4 × this / n, in points².
 *
 * @example
 * responseVariance(0.5, 0.2); // 0.61
 */
export const responseVariance = (promoterShare: number, detractorShare: number): number =>
  promoterShare + detractorShare - (promoterShare - detractorShare) ** 2;

/**
 * Adjusted-Wald 95% confidence interval of an NPS (Rocks 2016): add 3 responses,
 * 0.75 each to promoters and detractors, then use the variance of a difference of
 * multinomial proportions.
 *
 * @example
 * adjustedWaldInterval(50, 10, 100); // { low: 25.93…, high: 51.74…, marginOfError: 12.90… }
 */
export const adjustedWaldInterval = (promoters: number, detractors: number, responses: number) => {
  const n = responses + 3;
  const p = (promoters + 0.75) / n;
  const d = (detractors + 0.75) / n;
  const marginOfError = 100 * Z95 * Math.sqrt(responseVariance(p, d) / n);
  const centre = 100 * (p - d);
  return { low: clampNps(centre - marginOfError), high: clampNps(centre + marginOfError), marginOfError };
};

/**
 * Everything an aggregate reports, derived from its score histogram alone.
 *
 * @example
 * npsStatistics([0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1]); // { responses: 4, nps: 25, … }
 */
export const npsStatistics = (scores: Histogram): NpsStatistics => {
  const counts = [...scores];
  const { responses, promoters, passives, detractors } = categoryCounts(counts);
  if (responses === 0) {
    return {
      responses,
      promoters,
      passives,
      detractors,
      nps: null,
      promoterShare: null,
      passiveShare: null,
      detractorShare: null,
      ci95: null,
      marginOfError: null,
      scores: counts,
    };
  }
  const interval = adjustedWaldInterval(promoters, detractors, responses);
  return {
    responses,
    promoters,
    passives,
    detractors,
    nps: npsOfCounts(promoters, detractors, responses),
    promoterShare: promoters / responses,
    passiveShare: passives / responses,
    detractorShare: detractors / responses,
    ci95: { low: interval.low, high: interval.high },
    marginOfError: interval.marginOfError,
    scores: counts,
  };
};

/** An aggregate as the API returns it: a segment over a span, with its statistics. */
export type Aggregate = { segment: string; from: string; to: string } & NpsStatistics;

/**
 * The aggregate of a segment over a span, from the span's score histogram.
 *
 * @example
 * aggregateOf('all', '2026-11-01', '2026-11-30', scores).nps;
 */
export const aggregateOf = (segment: string, from: string, to: string, scores: Histogram): Aggregate => ({
  segment,
  from,
  to,
  ...npsStatistics(scores),
});
