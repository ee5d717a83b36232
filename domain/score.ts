import type { Histogram } from './histogram';

/** Lowest and highest score of the "how likely are you to recommend us?" question. */
export const MIN_SCORE = 0;
export const MAX_SCORE = 10;
/** Number of distinct scores, the length of a score histogram. */
export const SCORE_COUNT = MAX_SCORE - MIN_SCORE + 1;

export type Category = 'promoter' | 'passive' | 'detractor';

/** The categories from worst to best. */
export const CATEGORIES: readonly Category[] = ['detractor', 'passive', 'promoter'];

/** The scores of each category, inclusive: the one place the 0–6 / 7–8 / 9–10 rule is written. */
export const CATEGORY_SCORES: Readonly<Record<Category, { min: number; max: number }>> = {
  detractor: { min: 0, max: 6 },
  passive: { min: 7, max: 8 },
  promoter: { min: 9, max: 10 },
};

/**
 * The NPS category of a score: 9–10 promoter, 7–8 passive, 0–6 detractor.
 *
 * @example
 * categoryOf(9); // 'promoter'
 * categoryOf(6); // 'detractor'
 */
export const categoryOf = (score: number): Category => {
  if (score >= CATEGORY_SCORES.promoter.min) return 'promoter';
  if (score >= CATEGORY_SCORES.passive.min) return 'passive';
  return 'detractor';
};

/** Responses per category of a score histogram. */
export interface CategoryCounts {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
}

/**
 * Counts per category of a histogram (index = score).
 *
 * @example
 * categoryCounts([1, 0, 0, 0, 0, 0, 0, 2, 0, 0, 3]); // { responses: 6, promoters: 3, passives: 2, detractors: 1 }
 */
export const categoryCounts = (scores: Histogram): CategoryCounts => {
  const counts: CategoryCounts = { responses: 0, promoters: 0, passives: 0, detractors: 0 };
  scores.forEach((count, score) => {
    counts.responses += count;
    counts[`${categoryOf(score)}s`] += count;
  });
  return counts;
};
