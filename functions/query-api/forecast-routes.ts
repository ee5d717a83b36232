import { countBuckets } from '../../domain/buckets';
import { defaultHistoryStart, FORECAST_DEFAULTS, forecastSeries } from '../../domain/forecast/series';
import { dayOfInstant } from '../../domain/time';
import type { ForecastAnswer } from '../shared/forecast-schemas';
import { type Route, route } from '../shared/http-handler';
import { csvTable } from './csv';
import { forecastParams, MAX_TIMESERIES_POINTS } from './params';
import type { Queries } from './queries';
import { type QueryContext, rangeOf, respond, segmentOf, tooManyPoints } from './request';

const FORECAST_COLUMNS = [
  'segment',
  'granularity',
  'kind',
  'from',
  'to',
  'responses',
  'nps',
  'ci95Low',
  'ci95High',
  'interval80Low',
  'interval80High',
  'interval95Low',
  'interval95High',
];

/** The forecast as CSV: the history rows (kind `history`, with their confidence interval), then the forecast rows. */
const forecastCsv = (answer: ForecastAnswer) =>
  csvTable(FORECAST_COLUMNS, [
    ...answer.history.map((p) => [
      answer.segment,
      answer.granularity,
      'history',
      p.from,
      p.to,
      p.responses,
      p.nps,
      p.ci95?.low ?? null,
      p.ci95?.high ?? null,
      null,
      null,
      null,
      null,
    ]),
    ...answer.forecast.map((f) => [
      answer.segment,
      answer.granularity,
      'forecast',
      f.from,
      f.to,
      null,
      f.nps,
      null,
      null,
      f.interval80.low,
      f.interval80.high,
      f.interval95.low,
      f.interval95.high,
    ]),
  ]);

/**
 * `GET /v1/nps/forecast` (docs/forecast.md): the time series of the history range read as
 * `/v1/nps/timeseries` reads it (no other item), and the forecast of the buckets after
 * the last complete one (domain/forecast).
 */
export const forecastRoutes = (queries: Queries, context: QueryContext): Record<string, Route> => ({
  'GET /v1/nps/forecast': route(forecastParams, async (event, params) => {
    const today = dayOfInstant(context.now());
    const { from, to } = rangeOf(context, params, (end) => defaultHistoryStart(params.granularity, end));
    const points = countBuckets(params.granularity, from, to);
    if (points > MAX_TIMESERIES_POINTS) throw tooManyPoints(points, MAX_TIMESERIES_POINTS);
    const segment = segmentOf(context, params.segment);
    const series = await queries.timeseries(segment, params.granularity, from, to);
    const horizon = params.horizon ?? FORECAST_DEFAULTS[params.granularity].horizon;
    const history = series.body.points;
    const body: ForecastAnswer = {
      segment,
      granularity: params.granularity,
      history,
      ...forecastSeries({ granularity: params.granularity, history, horizon, today }),
    };
    return respond(
      event,
      { body, itemsRead: series.itemsRead },
      { format: params.format, csv: () => forecastCsv(body) },
    );
  }),
});
