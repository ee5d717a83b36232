import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { countBuckets } from '../../domain/buckets';
import { type Combination, parseSegment } from '../../domain/segments';
import { addDays, dayOfInstant, daysInclusive } from '../../domain/time';
import { fieldErrorsOf } from '../../domain/validation';
import { type HttpResult, header, json, validationProblem } from '../shared/http';
import { type Route, routedHttpHandler } from '../shared/http-handler';
import type { Observability } from '../shared/observability';
import { toCsv } from './csv';
import { openApiDocument } from './openapi';
import { MAX_ROLLING_POINTS, MAX_TIMESERIES_POINTS, noParams, npsParams, rollingParams, timeseriesParams } from './params';
import type { Aggregate, Answer, Queries } from './queries';

export interface QueryApiDependencies extends Observability {
  queries: Queries;
  combinations: readonly Combination[];
  now: () => number;
}

const parseParams = <S extends z.ZodType>(schema: S, event: APIGatewayProxyEventV2): z.infer<S> => {
  const parsed = schema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) throw validationProblem(fieldErrorsOf(parsed.error), 'The query parameters are not valid; see errors.');
  return parsed.data;
};

const wantsCsv = (event: APIGatewayProxyEventV2, format: string | undefined): boolean =>
  format === 'csv' || (format === undefined && /\btext\/csv\b/i.test(header(event, 'accept') ?? ''));

const answer = <T>(result: Answer<T>, csvRows: Aggregate[] | undefined): HttpResult => {
  const headers = { 'x-nps-items-read': String(result.itemsRead), 'cache-control': 'no-store' };
  if (csvRows) return { statusCode: 200, headers: { 'content-type': 'text/csv; charset=utf-8', ...headers }, body: toCsv(csvRows) };
  return json(200, result.body, headers);
};

/**
 * The query HTTP API for BI tools (and `/healthz`, `/v1/openapi.json`), one Lambda
 * routed by `routeKey`; the local stack serves the same handler.
 */
export const createQueryApiHandler = ({ queries, combinations, now, ...observability }: QueryApiDependencies) => {
  const segmentOf = (text: string | undefined): string => {
    const parsed = parseSegment(text ?? 'all', combinations);
    if (!parsed.ok) throw validationProblem([{ path: 'segment', message: parsed.message }]);
    return parsed.segment;
  };

  const rangeOf = (params: { from?: string; to?: string }) => {
    const to = params.to ?? dayOfInstant(now());
    const from = params.from ?? addDays(to, -29);
    if (from > to) throw validationProblem([{ path: 'from', message: `must not be after to (${to})` }]);
    return { from, to };
  };

  const tooMany = (count: number, max: number) =>
    validationProblem([{ path: 'to', message: `the range has ${count} points; at most ${max}` }], `At most ${max} points per request.`);

  const routes: Record<string, Route> = {
    'GET /healthz': async () => json(200, { status: 'ok' }),
    'GET /v1/openapi.json': async (event) => {
      parseParams(noParams, event);
      return json(200, openApiDocument(), { 'cache-control': 'max-age=300' });
    },
    'GET /v1/nps': async (event) => {
      const params = parseParams(npsParams, event);
      const { from, to } = rangeOf(params);
      const result = await queries.nps(segmentOf(params.segment), from, to);
      return answer(result, wantsCsv(event, params.format) ? [result.body] : undefined);
    },
    'GET /v1/nps/timeseries': async (event) => {
      const params = parseParams(timeseriesParams, event);
      const { from, to } = rangeOf(params);
      const points = countBuckets(params.granularity, from, to);
      if (points > MAX_TIMESERIES_POINTS) throw tooMany(points, MAX_TIMESERIES_POINTS);
      const result = await queries.timeseries(segmentOf(params.segment), params.granularity, from, to);
      return answer(result, wantsCsv(event, params.format) ? result.body.points : undefined);
    },
    'GET /v1/nps/rolling': async (event) => {
      const params = parseParams(rollingParams, event);
      const { from, to } = rangeOf(params);
      const points = daysInclusive(from, to);
      if (points > MAX_ROLLING_POINTS) throw tooMany(points, MAX_ROLLING_POINTS);
      const result = await queries.rolling(segmentOf(params.segment), params.window, from, to);
      return answer(result, wantsCsv(event, params.format) ? result.body.points : undefined);
    },
    'GET /v1/segments': async (event) => {
      parseParams(noParams, event);
      return answer(await queries.segments(), undefined);
    },
  };

  return routedHttpHandler(routes, observability);
};
