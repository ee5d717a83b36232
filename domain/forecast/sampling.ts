import { npsOfCounts, responseVariance } from '../nps';
import type { Observation } from './kalman';

/** A bucket's counts, as the forecast reads them. */
export interface BucketCounts {
  responses: number;
  promoters: number;
  detractors: number;
}

/**
 * Pseudo-responses at the pooled shares added to each bucket's own before its sampling
 * variance is computed: a bucket of 6 promoters out of 6 would otherwise claim a variance
 * of 0 (a certain NPS of 100).
 */
export const SHRINKAGE_RESPONSES = 10;

/**
 * Variance of one response's contribution to an NPS in points²: 1e4·(p + d − (p − d)²), so
 * that a bucket of n responses has the sampling variance of its NPS `perResponseVariance / n`.
 *
 * @example
 * perResponseVariance(0.5, 0.2); // 1e4 × (0.7 − 0.09) = 6100
 */
export const perResponseVariance = (promoterShare: number, detractorShare: number): number =>
  1e4 * responseVariance(promoterShare, detractorShare);

/** Promoter and detractor shares pooled over some buckets (0.5 / 0.5 of nothing: the widest variance). */
export const pooledShares = (buckets: readonly BucketCounts[]) => {
  const responses = buckets.reduce((sum, b) => sum + b.responses, 0);
  if (responses === 0) return { promoters: 0.5, detractors: 0.5 };
  return {
    promoters: buckets.reduce((sum, b) => sum + b.promoters, 0) / responses,
    detractors: buckets.reduce((sum, b) => sum + b.detractors, 0) / responses,
  };
};

/**
 * The filter's view of each bucket: its NPS, with the sampling variance of an NPS over
 * its responses (shares shrunk towards the pooled ones by SHRINKAGE_RESPONSES), or null
 * when it is empty.
 *
 * @example
 * observationsOf([{ responses: 0, promoters: 0, detractors: 0 }, { responses: 10, promoters: 6, detractors: 2 }]);
 * // [null, { value: 40, variance: perResponseVariance(0.6, 0.2) / 10 }]
 */
export const observationsOf = (buckets: readonly BucketCounts[]): Observation[] => {
  const pooled = pooledShares(buckets);
  return buckets.map((b) => {
    if (b.responses === 0) return null;
    const shrunk = (count: number, share: number) =>
      (count + SHRINKAGE_RESPONSES * share) / (b.responses + SHRINKAGE_RESPONSES);
    const variance =
      perResponseVariance(shrunk(b.promoters, pooled.promoters), shrunk(b.detractors, pooled.detractors)) / b.responses;
    return { value: npsOfCounts(b.promoters, b.detractors, b.responses), variance };
  });
};

/** Buckets looked back on for the volume and the shares a future bucket is assumed to have. */
export const RECENT_BUCKETS = 4;

/**
 * The sampling variance of a future bucket's NPS, assuming the recent volume (mean
 * responses of the last RECENT_BUCKETS non-empty buckets) and the recent shares (pooled
 * over the last 2 × RECENT_BUCKETS non-empty buckets).
 */
export const futureSampling = (buckets: readonly BucketCounts[]) => {
  const nonEmpty = buckets.filter((b) => b.responses > 0);
  const recent = nonEmpty.slice(-RECENT_BUCKETS);
  const responses = recent.reduce((sum, b) => sum + b.responses, 0) / Math.max(1, recent.length);
  const shares = pooledShares(nonEmpty.slice(-2 * RECENT_BUCKETS));
  return { responses, variance: perResponseVariance(shares.promoters, shares.detractors) / Math.max(1, responses) };
};
