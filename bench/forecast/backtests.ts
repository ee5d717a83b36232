import { type BacktestOptions, type BacktestResult, backtest } from '../../domain/forecast/backtest';
import type { BucketCounts } from '../../domain/forecast/sampling';
import { FAMILIES, type Family, syntheticFamily } from '../../test/support/forecast-series';

/** Horizons 1–8 weeks, the first forecast after 12 weeks, each fitted on the API's default 52 weeks. */
export const WEEKLY: BacktestOptions = { maxHorizon: 8, minHistory: 12, window: 52 };

/**
 * Acceptance of issue 13: coverage within ±5 points of nominal; MAE ≥ 10% below naive (trending, step), not worse
 * (stable).
 */
export const TARGETS: Record<Family, { maeGain: number | null }> = {
  stable: { maeGain: 0 },
  trending: { maeGain: 10 },
  step: { maeGain: 10 },
  seasonal: { maeGain: null },
};

export interface FamilyFigures extends BacktestResult {
  family: Family;
  series: number;
  /** How much lower the model's MAE is than the naive one's, in %. */
  maeGain: number;
  meetsTargets: boolean;
}

const gainOf = (result: BacktestResult) => 100 * (1 - result.mae / result.naiveMae);

/** The rolling-origin backtest of every synthetic family (104 weeks per series, seeded), judged against the targets. */
export const backtestFamilies = (seriesPerFamily = 24): FamilyFigures[] =>
  FAMILIES.map((family) => {
    const result = backtest(syntheticFamily(family, seriesPerFamily), WEEKLY);
    const maeGain = gainOf(result);
    const target = TARGETS[family].maeGain;
    const meetsTargets =
      Math.abs(result.coverage80 - 80) <= 5 &&
      Math.abs(result.coverage95 - 95) <= 5 &&
      (target === null || maeGain >= target);
    return { family, series: seriesPerFamily, ...result, maeGain, meetsTargets };
  });

/**
 * The same backtest over a segment's stored weekly series, read from a running API
 * (`/v1/nps/timeseries`, as the forecast reads it): no truth, so errors are against the
 * observed NPS only.
 */
export const backtestStored = async ({
  api,
  segment,
  from,
  to,
  headers = {},
}: {
  api: string;
  segment: string;
  from: string;
  to: string;
  headers?: Record<string, string>;
}) => {
  const query = new URLSearchParams({ segment, granularity: 'week', from, to });
  const answer = await fetch(`${api}/v1/nps/timeseries?${query}`, { headers });
  if (!answer.ok) throw new Error(`GET /v1/nps/timeseries answered ${answer.status}: ${await answer.text()}`);
  const { points } = (await answer.json()) as { points: BucketCounts[] };
  const result = backtest([{ buckets: points }], WEEKLY);
  return { segment, weeks: points.length, ...result, maeGain: gainOf(result) };
};
