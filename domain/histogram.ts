import { SCORE_COUNT } from './score';

/** Count of responses per score; index = score (0..10). */
export type Histogram = readonly number[];

/** A histogram with every count zero. */
export const emptyHistogram = (): number[] => new Array<number>(SCORE_COUNT).fill(0);

/**
 * Element-wise sum of histograms, optionally weighted (use -1 to subtract).
 *
 * @example
 * addHistograms([[1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]]); // [1, 0, …, 3]
 */
export const addHistograms = (parts: readonly Histogram[], weights?: readonly number[]): number[] => {
  const sum = emptyHistogram();
  parts.forEach((part, i) => {
    const weight = weights?.[i] ?? 1;
    for (let score = 0; score < SCORE_COUNT; score++) sum[score]! += weight * (part[score] ?? 0);
  });
  return sum;
};

/** True when every count is zero. */
export const isEmptyHistogram = (histogram: Histogram): boolean => histogram.every((count) => count === 0);
