import * as z from 'zod';
import { GRANULARITIES } from '../../domain/buckets';
import { FORECAST_GRANULARITIES } from '../../domain/forecast/series';
import { parseDay } from '../../domain/time';

/** Query parameters of the aggregate endpoints, as zod schemas (the OpenAPI document is generated from them). */
const day = z
  .string()
  .refine((text) => parseDay(text) !== undefined && text >= '2000-01-01' && text <= '2100-12-31', {
    error: 'must be a date YYYY-MM-DD between 2000-01-01 and 2100-12-31',
  })
  .meta({ format: 'date' });
const format = z
  .enum(['json', 'csv'])
  .optional()
  .meta({ description: 'json (default) or csv; `Accept: text/csv` also selects CSV' });
const segment = z
  .string()
  .regex(/^(all|[a-z][a-z0-9_]{0,31}:[^,:]{1,64}(,[a-z][a-z0-9_]{0,31}:[^,:]{1,64})*)$/u, {
    error: 'must be all, dimension:value or d1:v1,d2:v2',
  })
  .optional()
  .meta({ description: '`all` (default), `dimension:value`, or a configured combination `d1:v1,d2:v2`' });
const from = day.optional().meta({ description: 'first UTC day (inclusive); default: to − 29 days' });
const to = day.optional().meta({ description: 'last UTC day (inclusive); default: today (UTC)' });

export const npsParams = z.strictObject({ segment, from, to, format });
export const timeseriesParams = z.strictObject({
  segment,
  from,
  to,
  format,
  granularity: z
    .enum(GRANULARITIES)
    .default('day')
    .meta({ description: 'bucket size (default day); hour points carry ISO instants' }),
});
export const rollingParams = z.strictObject({
  segment,
  from,
  to,
  format,
  window: z
    .enum(['7', '30', '90'])
    .default('30')
    .transform(Number)
    .meta({ description: 'days per point, ending at the point (default 30)' }),
});
export const forecastParams = z.strictObject({
  segment,
  format,
  from: day
    .optional()
    .meta({ description: 'first UTC day of the history (inclusive); default: the last 52 weeks or 24 months' }),
  to: day.optional().meta({ description: 'last UTC day of the history (inclusive); default: today (UTC)' }),
  granularity: z.enum(FORECAST_GRANULARITIES).default('week').meta({ description: 'bucket size (default week)' }),
  horizon: z
    .string()
    .regex(/^([1-9]|1[0-9]|2[0-6])$/u, { error: 'must be a whole number of buckets from 1 to 26' })
    .transform(Number)
    .optional()
    .meta({ description: 'buckets forecast after the last complete one, 1–26 (default 8 weeks or 3 months)' }),
});

/** Most points a time series may have. */
export const MAX_TIMESERIES_POINTS = 1000;
/** Most points a rolling series may have. */
export const MAX_ROLLING_POINTS = 366;
