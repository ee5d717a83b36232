import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type Combination, parseSegment } from '../../domain/segments';
import { addDays, dayOfInstant } from '../../domain/time';
import { type HttpResult, header, json, validationProblem } from '../shared/http';

import { negotiate } from '../shared/negotiation';
import type { Answer } from './queries';

/** What the query routes share: the configured combinations and the clock (for the default range). */
export interface QueryContext {
  combinations: readonly Combination[];
  now: () => number;
}

/** The canonical key of a `segment` parameter (`all` when absent); 400 for one that cannot exist. */
export const segmentOf = (context: QueryContext, text: string | undefined): string => {
  const parsed = parseSegment(text ?? 'all', context.combinations);
  if (!parsed.ok) throw validationProblem([{ path: 'segment', message: parsed.message }]);
  return parsed.segment;
};

/**
 * The days from..to of a request: `to` defaults to today (UTC), `from` to `defaultFrom(to)`
 * (the 30 days ending at `to` unless the route says otherwise); 400 when from is after to.
 */
export const rangeOf = (
  context: QueryContext,
  params: { from?: string; to?: string },
  defaultFrom: (to: string) => string = (to) => addDays(to, -29),
) => {
  const to = params.to ?? dayOfInstant(context.now());
  const from = params.from ?? defaultFrom(to);
  if (from > to) throw validationProblem([{ path: 'from', message: `must not be after to (${to})` }]);
  return { from, to };
};

/** 400 for a series longer than its route allows. */
export const tooManyPoints = (count: number, max: number) =>
  validationProblem(
    [{ path: 'to', message: `the range has ${count} points; at most ${max}` }],
    `At most ${max} points per request.`,
  );

const MEDIA_TYPES = ['application/json', 'text/csv'] as const;

/**
 * A query's answer as JSON or CSV: `format` decides when given, else the `Accept` header
 * with its quality values (JSON when absent or indifferent; 406 when it accepts neither).
 * Every answer carries the items it read.
 */
export const respond = <T>(
  event: APIGatewayProxyEventV2,
  result: Answer<T>,
  { format, csv }: { format?: string; csv: () => string },
): HttpResult => {
  const headers = { 'x-nps-items-read': String(result.itemsRead), 'cache-control': 'no-store' };
  const mediaType =
    format === undefined
      ? negotiate(header(event, 'accept'), MEDIA_TYPES)
      : format === 'csv'
        ? 'text/csv'
        : 'application/json';
  if (mediaType === 'text/csv')
    return { statusCode: 200, headers: { 'content-type': 'text/csv; charset=utf-8', ...headers }, body: csv() };
  return json(200, result.body, headers);
};
