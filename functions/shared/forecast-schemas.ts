import * as z from 'zod';
import { FORECAST_GRANULARITIES } from '../../domain/forecast/series';
import { aggregateSchema } from './api-schemas';

const npsPoint = z.number().min(-100).max(100);
const interval = (level: string) =>
  z.strictObject({ low: npsPoint, high: npsPoint }).meta({
    description: `${level} prediction interval of the NPS that will be observed in the bucket (at the recent volume)`,
  });

/** `GET /v1/nps/forecast` (docs/forecast.md). */
export const forecastSchema = z
  .strictObject({
    segment: z.string(),
    granularity: z.enum(FORECAST_GRANULARITIES),
    history: z
      .array(aggregateSchema)
      .meta({ description: 'the time series over from..to, as /v1/nps/timeseries answers it' }),
    forecast: z
      .array(
        z.strictObject({
          from: z.string().meta({ description: 'first day of the bucket (YYYY-MM-DD)' }),
          to: z.string().meta({ description: 'last day of the bucket (inclusive)' }),
          nps: npsPoint.meta({ description: 'expected NPS of the bucket' }),
          interval80: interval('80%'),
          interval95: interval('95%'),
        }),
      )
      .meta({
        description: 'the buckets after the last complete one; empty when the history is too thin (see reason)',
      }),
    model: z
      .strictObject({
        name: z.enum(['local-level', 'local-linear-trend']),
        levelSd: z
          .number()
          .min(0)
          .meta({ description: 'fitted standard deviation of the level’s move per bucket (NPS points)' }),
        slopeSd: z
          .number()
          .min(0)
          .meta({ description: 'fitted standard deviation of the slope’s move per bucket (0 for local-level)' }),
        responsesPerBucket: z
          .number()
          .min(0)
          .meta({ description: 'volume assumed for the future buckets (recent mean)' }),
        fittedBuckets: z.int().min(0).meta({ description: 'complete buckets the model was fitted on' }),
        nonEmptyBuckets: z.int().min(0),
      })
      .nullable()
      .meta({ description: 'the model fitted (docs/forecast.md); null when there is no forecast' }),
    reason: z
      .string()
      .optional()
      .meta({ description: 'why the forecast is empty (fewer than 4 complete buckets with responses)' }),
  })
  .meta({ id: 'Forecast' });

export type ForecastAnswer = z.infer<typeof forecastSchema>;
