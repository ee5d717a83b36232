/** Lowest and highest score of the "how likely are you to recommend us?" question. */
export const MIN_SCORE = 0;
export const MAX_SCORE = 10;
/** Number of distinct scores, the length of a score histogram. */
export const SCORE_COUNT = MAX_SCORE - MIN_SCORE + 1;

export type Category = 'promoter' | 'passive' | 'detractor';

/**
 * The NPS category of a score: 9–10 promoter, 7–8 passive, 0–6 detractor.
 *
 * @example
 * categoryOf(9); // 'promoter'
 * categoryOf(6); // 'detractor'
 */
export const categoryOf = (score: number): Category => {
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
};
