import type { BacktestSeries } from '../../domain/forecast/backtest';
import type { BucketCounts } from '../../domain/forecast/sampling';
import { seededRandom } from './random';

/** The synthetic families the forecast is backtested on (issue 13): the true weekly NPS is known. */
export const FAMILIES = ['stable', 'trending', 'step', 'seasonal'] as const;
export type Family = (typeof FAMILIES)[number];

const WEEK_MS = 7 * 86_400_000;
/** Monday 2025-01-06: week 0 of every synthetic series (for the seasonal family's months). */
const FIRST_MONDAY = Date.parse('2025-01-06T00:00:00Z');

type Random = () => number;
const between = (random: Random, low: number, high: number) => low + (high - low) * random();
const sign = (random: Random) => (random() < 0.5 ? -1 : 1);

/** The true NPS of each week of one series of a family, before clamping. */
const truthOf = (family: Family, random: Random, weeks: number): number[] => {
  const base = between(random, -10, 50);
  const t = Array.from({ length: weeks }, (_, i) => i);
  if (family === 'stable') return t.map(() => base);
  if (family === 'trending') {
    const slope = sign(random) * between(random, 0.15, 0.4);
    const start = base - (slope * weeks) / 2;
    return t.map((i) => start + slope * i);
  }
  if (family === 'step') {
    const at = Math.floor(between(random, 0.25, 0.85) * weeks);
    const jump = sign(random) * between(random, 10, 25);
    return t.map((i) => (i < at ? base : base + jump));
  }
  const amplitude = between(random, 4, 10);
  const phase = Math.floor(random() * 12);
  const monthOf = (i: number) => new Date(FIRST_MONDAY + i * WEEK_MS + 3 * 86_400_000).getUTCMonth();
  return t.map((i) => base + amplitude * Math.sin((2 * Math.PI * (monthOf(i) + phase)) / 12));
};

/** A week's counts: `responses` draws with the given promoter and detractor probabilities. */
const sampleWeek = (random: Random, responses: number, promoter: number, detractor: number): BucketCounts => {
  let promoters = 0;
  let detractors = 0;
  for (let i = 0; i < responses; i++) {
    const draw = random();
    if (draw < promoter) promoters++;
    else if (draw < promoter + detractor) detractors++;
  }
  return { responses, promoters, detractors };
};

/**
 * One synthetic series: a true weekly NPS of the family, a passive share of 15–35%, a
 * volume of 10 to 500 responses per week (log-uniform per series, ±20% from week to week),
 * and the counts observed by sampling each week's responses.
 */
export const syntheticSeries = (family: Family, seed: number, weeks = 104): BacktestSeries & { volume: number } => {
  const random = seededRandom(seed);
  const passive = between(random, 0.15, 0.35);
  const bound = 100 * (1 - passive) - 5;
  const truth = truthOf(family, random, weeks).map((value) => Math.max(-bound, Math.min(bound, value)));
  const volume = Math.round(10 * 50 ** random());
  const buckets = truth.map((value) => {
    const responses = Math.max(1, Math.round(volume * between(random, 0.8, 1.2)));
    return sampleWeek(random, responses, (1 - passive + value / 100) / 2, (1 - passive - value / 100) / 2);
  });
  return { buckets, truth, volume };
};

/** `count` seeded series of a family. */
export const syntheticFamily = (family: Family, count: number, seed = 2026): BacktestSeries[] =>
  Array.from({ length: count }, (_, i) => syntheticSeries(family, seed * 1000 + FAMILIES.indexOf(family) * 100 + i));
