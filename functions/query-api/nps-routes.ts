import { countBuckets } from '../../domain/buckets';
import { daysInclusive } from '../../domain/time';
import { respondJson } from '../shared/http';
import { NO_QUERY, type Route, route } from '../shared/http-handler';
import { toCsv } from './csv';
import { MAX_ROLLING_POINTS, MAX_TIMESERIES_POINTS, npsParams, rollingParams, timeseriesParams } from './params';
import type { Queries } from './queries';
import { type QueryContext, rangeOf, respond, segmentOf, tooManyPoints } from './request';

/** `/v1/nps`, its time series and rolling windows, and the segment catalogue. */
export const npsRoutes = (queries: Queries, context: QueryContext): Record<string, Route> => ({
  'GET /v1/nps': route(npsParams, async (event, params) => {
    const { from, to } = rangeOf(context, params);
    const result = await queries.nps(segmentOf(context, params.segment), from, to);
    return respond(event, result, { format: params.format, csv: () => toCsv([result.body]) });
  }),
  'GET /v1/nps/timeseries': route(timeseriesParams, async (event, params) => {
    const { from, to } = rangeOf(context, params);
    const points = countBuckets(params.granularity, from, to);
    if (points > MAX_TIMESERIES_POINTS) throw tooManyPoints(points, MAX_TIMESERIES_POINTS);
    const result = await queries.timeseries(segmentOf(context, params.segment), params.granularity, from, to);
    return respond(event, result, { format: params.format, csv: () => toCsv(result.body.points) });
  }),
  'GET /v1/nps/rolling': route(rollingParams, async (event, params) => {
    const { from, to } = rangeOf(context, params);
    const points = daysInclusive(from, to);
    if (points > MAX_ROLLING_POINTS) throw tooManyPoints(points, MAX_ROLLING_POINTS);
    const result = await queries.rolling(segmentOf(context, params.segment), params.window, from, to);
    return respond(event, result, { format: params.format, csv: () => toCsv(result.body.points) });
  }),
  'GET /v1/segments': route(NO_QUERY, async (event) => {
    const result = await queries.segments();
    const body = { ...result.body, combinations: context.combinations.map((combination) => [...combination].sort()) };
    return respondJson(event, body, { 'x-nps-items-read': String(result.itemsRead), 'cache-control': 'no-store' });
  }),
});
