import { bucketsMeeting } from '../buckets';
import { addDays, type Day, monthOf, monthStart } from '../time';
import { type FittedModel, forecastNps, type Interval } from './model';
import type { BucketCounts } from './sampling';

export const FORECAST_GRANULARITIES = ['week', 'month'] as const;
export type ForecastGranularity = (typeof FORECAST_GRANULARITIES)[number];

/** Default horizon and history per granularity (docs/forecast.md): 8 weeks after 52, 3 months after 24. */
export const FORECAST_DEFAULTS: Record<ForecastGranularity, { horizon: number; history: number }> = {
  week: { horizon: 8, history: 52 },
  month: { horizon: 3, history: 24 },
};

/** The first day of the default history ending with the bucket of `to`. */
export const defaultHistoryStart = (granularity: ForecastGranularity, to: Day): Day => {
  const buckets = FORECAST_DEFAULTS[granularity].history;
  if (granularity === 'week') return addDays(to, -7 * (buckets - 1));
  const [year, month] = monthOf(to).split('-').map(Number) as [number, number];
  const first = year * 12 + (month - 1) - (buckets - 1);
  return monthStart(`${Math.floor(first / 12)}-${String((first % 12) + 1).padStart(2, '0')}`);
};

/** One future bucket of the forecast. */
export interface ForecastPoint {
  from: Day;
  to: Day;
  nps: number;
  interval80: Interval;
  interval95: Interval;
}

export type SeriesForecast =
  | { forecast: ForecastPoint[]; model: FittedModel }
  | { forecast: []; model: null; reason: string };

/**
 * The forecast of a history series (consecutive buckets, oldest first, as
 * `/v1/nps/timeseries` answers): fitted on the buckets complete by `today` (those that
 * ended before it), the `horizon` buckets that follow the last of them.
 *
 * @example
 * forecastSeries({ granularity: 'week', history: points, horizon: 8, today: '2026-12-03' }).forecast[0];
 * // { from: '2026-11-30', to: '2026-12-06', nps: 31.2, interval80: { … }, interval95: { … } }
 */
export const forecastSeries = ({
  granularity,
  history,
  horizon,
  today,
}: {
  granularity: ForecastGranularity;
  history: readonly (BucketCounts & { from: Day; to: Day })[];
  horizon: number;
  today: Day;
}): SeriesForecast => {
  const complete = history.filter((bucket) => bucket.to < today);
  const result = forecastNps(complete, horizon);
  if (result.model === null) return { forecast: [], model: null, reason: result.reason };
  const start = addDays(complete.at(-1)!.to, 1);
  const future = bucketsMeeting(granularity, start, addDays(start, 31 * horizon)).slice(0, horizon);
  const forecast = result.steps.map((step, h) => ({ from: future[h]!.from, to: future[h]!.to, ...step }));
  return { forecast, model: result.model };
};
