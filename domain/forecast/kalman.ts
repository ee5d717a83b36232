/**
 * The Kalman filter of a local linear trend model, in NPS points per bucket:
 *
 *   observed_t = level_t + ε_t,                 ε_t ~ N(0, R_t)  (the bucket's sampling variance)
 *   level_t+1  = level_t + slope_t + η_t,       η_t ~ N(0, σ_level²)
 *   slope_t+1  = slope_t + ζ_t,                 ζ_t ~ N(0, σ_slope²)
 *
 * With `trend: false` the slope is held at 0 (a local level model). Pure arithmetic on
 * 2×2 matrices; docs/forecast.md gives the formulas in plain words.
 */

/** Mean and covariance of the state (level, slope). `p` is symmetric: [p00, p01, p11]. */
export interface FilterState {
  level: number;
  slope: number;
  p00: number;
  p01: number;
  p11: number;
}

/** How much the level and the slope may move from one bucket to the next (standard deviations, NPS points). */
export interface NoiseParameters {
  levelSd: number;
  slopeSd: number;
  trend: boolean;
}

/**
 * The prior before any observation: NPS anywhere in −100..100 (sd 100), slope within a few points per bucket (sd 5).
 */
export const PRIOR_LEVEL_SD = 100;
export const PRIOR_SLOPE_SD = 5;

/** The state before the first bucket. */
export const priorState = (trend: boolean): FilterState => ({
  level: 0,
  slope: 0,
  p00: PRIOR_LEVEL_SD ** 2,
  p01: 0,
  p11: trend ? PRIOR_SLOPE_SD ** 2 : 0,
});

/**
 * One step ahead: level += slope, and the covariance T·P·Tᵀ + Q with T = [[1, 1], [0, 1]].
 *
 * @example
 * predict({ level: 10, slope: 1, p00: 4, p01: 1, p11: 1 }, { levelSd: 1, slopeSd: 0, trend: true });
 * // { level: 11, slope: 1, p00: 4 + 2 + 1 + 1 = 8, p01: 2, p11: 1 }
 */
export const predict = (state: FilterState, noise: NoiseParameters): FilterState => {
  if (!noise.trend) return { ...state, p00: state.p00 + noise.levelSd ** 2 };
  return {
    level: state.level + state.slope,
    slope: state.slope,
    p00: state.p00 + 2 * state.p01 + state.p11 + noise.levelSd ** 2,
    p01: state.p01 + state.p11,
    p11: state.p11 + noise.slopeSd ** 2,
  };
};

/**
 * The filtered state after observing `value` with sampling variance `variance`, and the observation's log-likelihood.
 */
export const update = (
  state: FilterState,
  value: number,
  variance: number,
): { state: FilterState; logLikelihood: number } => {
  const innovationVariance = state.p00 + variance;
  const innovation = value - state.level;
  const gainLevel = state.p00 / innovationVariance;
  const gainSlope = state.p01 / innovationVariance;
  return {
    state: {
      level: state.level + gainLevel * innovation,
      slope: state.slope + gainSlope * innovation,
      p00: state.p00 - gainLevel * state.p00,
      p01: state.p01 - gainLevel * state.p01,
      p11: state.p11 - gainSlope * state.p01,
    },
    logLikelihood: -0.5 * (Math.log(2 * Math.PI * innovationVariance) + innovation ** 2 / innovationVariance),
  };
};

/** One bucket as the filter sees it: its observed NPS and sampling variance, or nothing when it had no response. */
export type Observation = { value: number; variance: number } | null;

/**
 * Runs the filter over the buckets: the state after the last one, and the log-likelihood
 * of every observation after the first `burnIn` non-empty ones (which only set the level
 * and slope, so that models are compared on the same observations).
 */
export const runFilter = (observations: readonly Observation[], noise: NoiseParameters, burnIn = 2) => {
  let state = priorState(noise.trend);
  let logLikelihood = 0;
  let seen = 0;
  observations.forEach((observation, t) => {
    if (t > 0) state = predict(state, noise);
    if (!observation) return;
    const step = update(state, observation.value, observation.variance);
    state = step.state;
    if (seen++ >= burnIn) logLikelihood += step.logLikelihood;
  });
  return { state, logLikelihood };
};
