import { clampNps } from '../nps';
import { type FilterState, type NoiseParameters, type Observation, predict, runFilter } from './kalman';
import { type BucketCounts, futureSampling, observationsOf } from './sampling';

/** z of two-sided 80% and 95% normal intervals. */
const Z80 = 1.2815515655446004;
const Z95 = 1.959963984540054;

/** Fewest non-empty buckets a forecast is made from. */
export const MIN_NON_EMPTY_BUCKETS = 4;

/** The candidate movements of the level and of the slope per bucket (NPS points), searched by likelihood. */
const LEVEL_SDS = [0, 0.5, 1, 2, 3, 5, 8, 12, 18];
const SLOPE_SDS = [0, 0.1, 0.25, 0.5, 1];

/** Every candidate model: local level (slope 0) with each level noise, local linear trend with each pair. */
const CANDIDATES: NoiseParameters[] = [
  ...LEVEL_SDS.map((levelSd) => ({ levelSd, slopeSd: 0, trend: false })),
  ...LEVEL_SDS.flatMap((levelSd) => SLOPE_SDS.map((slopeSd) => ({ levelSd, slopeSd, trend: true }))),
];

/**
 * Noise parameters each kind of model estimates, for the AIC (the initial level and slope are paid for by the
 * likelihood's burn-in).
 */
const parameterCount = (noise: NoiseParameters) => (noise.trend ? 2 : 1);

/**
 * The candidate with the lowest AIC (−2·log-likelihood + 2·parameters) over the observations:
 * maximum likelihood on a grid, which cannot fail to converge and costs ~50 filter runs.
 */
export const fitNoise = (observations: readonly Observation[]): NoiseParameters => {
  let best = CANDIDATES[0]!;
  let bestAic = Number.POSITIVE_INFINITY;
  for (const candidate of CANDIDATES) {
    const aic = -2 * runFilter(observations, candidate).logLikelihood + 2 * parameterCount(candidate);
    if (aic < bestAic) [best, bestAic] = [candidate, aic];
  }
  return best;
};

export interface Interval {
  low: number;
  high: number;
}

/** The forecast of one future bucket: the expected NPS and prediction intervals for the NPS that will be observed. */
export interface ForecastStep {
  nps: number;
  interval80: Interval;
  interval95: Interval;
}

export interface FittedModel {
  name: 'local-level' | 'local-linear-trend';
  levelSd: number;
  slopeSd: number;
  /** Responses per bucket assumed for the future buckets' sampling noise. */
  responsesPerBucket: number;
  fittedBuckets: number;
  nonEmptyBuckets: number;
}

export type Forecast = { steps: ForecastStep[]; model: FittedModel } | { steps: []; model: null; reason: string };

const interval = (centre: number, sd: number, z: number): Interval => ({
  low: clampNps(centre - z * sd),
  high: clampNps(centre + z * sd),
});

/** The state's h-step-ahead predictions, h = 1..horizon. */
const project = (state: FilterState, noise: NoiseParameters, horizon: number): FilterState[] => {
  const states: FilterState[] = [];
  let next = state;
  for (let h = 0; h < horizon; h++) {
    next = predict(next, noise);
    states.push(next);
  }
  return states;
};

/**
 * Forecasts the `horizon` buckets that follow `buckets` (consecutive, oldest first, the
 * last one complete): fits the noise by likelihood, filters, then projects the state;
 * each interval adds the future bucket's sampling variance at the recent volume to the
 * state's variance. Fewer than MIN_NON_EMPTY_BUCKETS non-empty buckets: no forecast, and why.
 *
 * @example
 * forecastNps(weeks, 8).steps[0]; // { nps: 31.2, interval80: { low: 24.9, high: 37.5 }, interval95: { … } }
 */
export const forecastNps = (buckets: readonly BucketCounts[], horizon: number): Forecast => {
  const nonEmptyBuckets = buckets.filter((b) => b.responses > 0).length;
  if (nonEmptyBuckets < MIN_NON_EMPTY_BUCKETS) {
    const reason =
      `a forecast needs at least ${MIN_NON_EMPTY_BUCKETS} complete buckets with responses; the range ` +
      `has ${nonEmptyBuckets}`;
    return { steps: [], model: null, reason };
  }
  const observations = observationsOf(buckets);
  const noise = fitNoise(observations);
  const { state } = runFilter(observations, noise);
  const future = futureSampling(buckets);
  const steps = project(state, noise, horizon).map((s) => {
    const sd = Math.sqrt(s.p00 + future.variance);
    return { nps: clampNps(s.level), interval80: interval(s.level, sd, Z80), interval95: interval(s.level, sd, Z95) };
  });
  const model: FittedModel = {
    name: noise.trend ? 'local-linear-trend' : 'local-level',
    levelSd: noise.levelSd,
    slopeSd: noise.slopeSd,
    responsesPerBucket: future.responses,
    fittedBuckets: buckets.length,
    nonEmptyBuckets,
  };
  return { steps, model };
};
