import { npsOfCounts } from '../nps';
import { type Forecast, forecastNps } from './model';
import type { BucketCounts } from './sampling';

/** One series to backtest on: observed buckets (oldest first) and, for synthetic data, the true NPS of each. */
export interface BacktestSeries {
  buckets: readonly BucketCounts[];
  truth?: readonly number[];
}

export interface BacktestOptions {
  /** Longest forecast, in buckets (every horizon 1..maxHorizon is scored). */
  maxHorizon: number;
  /** Buckets of history before the first origin. */
  minHistory: number;
  /** Buckets of history each forecast is fitted on (the API's default range: 52 weeks). */
  window: number;
  /** The forecaster under test (default: the API's). */
  forecaster?: (buckets: readonly BucketCounts[], horizon: number) => Forecast;
}

/** What a rolling-origin backtest measured; errors in NPS points. */
export interface BacktestResult {
  /** Forecast points scored: (origin, horizon) pairs whose future bucket had responses. */
  points: number;
  /** Mean absolute error against the observed NPS, of the model and of the naive last-value forecast. */
  mae: number;
  naiveMae: number;
  /** The same against the true NPS (synthetic series only). */
  maeVsTruth: number | null;
  naiveMaeVsTruth: number | null;
  /** Share of observed values inside the 80% and 95% intervals, in %. */
  coverage80: number;
  coverage95: number;
}

const nps = (b: BucketCounts) => npsOfCounts(b.promoters, b.detractors, b.responses);

class Tally {
  points = 0;
  error = 0;
  naiveError = 0;
  truthPoints = 0;
  truthError = 0;
  naiveTruthError = 0;
  inside80 = 0;
  inside95 = 0;

  result(): BacktestResult {
    const mean = (sum: number, n: number) => (n ? sum / n : Number.NaN);
    return {
      points: this.points,
      mae: mean(this.error, this.points),
      naiveMae: mean(this.naiveError, this.points),
      maeVsTruth: this.truthPoints ? this.truthError / this.truthPoints : null,
      naiveMaeVsTruth: this.truthPoints ? this.naiveTruthError / this.truthPoints : null,
      coverage80: 100 * mean(this.inside80, this.points),
      coverage95: 100 * mean(this.inside95, this.points),
    };
  }
}

/** Scores the forecasts made at one origin (buckets before `origin` known) against what followed. */
const scoreOrigin = (series: BacktestSeries, origin: number, options: BacktestOptions, tally: Tally) => {
  const history = series.buckets.slice(Math.max(0, origin - options.window), origin);
  const last = history.findLast((b) => b.responses > 0);
  const forecast = (options.forecaster ?? forecastNps)(history, options.maxHorizon);
  if (!last || forecast.model === null) return;
  const naive = nps(last);
  forecast.steps.forEach((step, h) => {
    const actual = series.buckets[origin + h];
    if (!actual || actual.responses === 0) return;
    const observed = nps(actual);
    tally.points++;
    tally.error += Math.abs(step.nps - observed);
    tally.naiveError += Math.abs(naive - observed);
    tally.inside80 += Number(observed >= step.interval80.low && observed <= step.interval80.high);
    tally.inside95 += Number(observed >= step.interval95.low && observed <= step.interval95.high);
    const truth = series.truth?.[origin + h];
    if (truth === undefined) return;
    tally.truthPoints++;
    tally.truthError += Math.abs(step.nps - truth);
    tally.naiveTruthError += Math.abs(naive - truth);
  });
};

/**
 * Rolling-origin backtest: at every origin after `minHistory` buckets, forecast the next
 * 1..maxHorizon buckets from the `window` buckets before it, exactly as the API would, and
 * score each against the bucket observed later — with the naive last-value forecast
 * (the last non-empty bucket's NPS) scored side by side.
 *
 * @example
 * backtest([{ buckets: weeks }], { maxHorizon: 8, minHistory: 12, window: 52 }); // { points: 560, mae: 6.1, naiveMae:
 * 8.4, … }
 */
export const backtest = (series: readonly BacktestSeries[], options: BacktestOptions): BacktestResult => {
  const tally = new Tally();
  for (const one of series) {
    for (let origin = options.minHistory; origin < one.buckets.length; origin++)
      scoreOrigin(one, origin, options, tally);
  }
  return tally.result();
};
