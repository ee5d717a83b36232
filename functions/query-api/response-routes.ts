import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { validationProblem } from '../shared/http';
import { type Route, route } from '../shared/http-handler';
import { csvTable } from './csv';
import { type QueryContext, rangeOf, respond, segmentOf } from './request';
import { columnsOf, responseRow, trimmed } from './response-list';
import {
  queryFingerprint,
  type ResponseListParams,
  responseCursorOf,
  responseListParams,
  responsePositionOf,
} from './response-params';
import type { ResponsePage, ResponseQueries } from './response-queries';

/** Parameters the change feed (`updatedSince`) does not combine with: it lists every change, in change order. */
const NOT_WITH_CHANGES = ['from', 'to', 'segment', 'category', 'theme', 'sentiment', 'language', 'hasComment', 'q'];

/** 400 for a change feed asked with filters or an order. */
const checkChangeFeed = (event: APIGatewayProxyEventV2) => {
  const given = Object.keys(event.queryStringParameters ?? {});
  const refused = given.filter((name) => [...NOT_WITH_CHANGES, 'order', 'respondentId'].includes(name));
  if (refused.length) {
    throw validationProblem(
      refused.map((path) => ({
        path,
        message: 'is not combined with updatedSince (the change feed lists every change)',
      })),
    );
  }
};

/** The page a query asks for: the change feed, one person's responses, or a range. */
const pageOf = async (
  queries: ResponseQueries,
  context: QueryContext,
  { event, params, after }: { event: APIGatewayProxyEventV2; params: ResponseListParams; after: string | undefined },
): Promise<ResponsePage> => {
  if (params.updatedSince !== undefined) {
    checkChangeFeed(event);
    return queries.changes({ after: after ?? params.updatedSince, limit: params.limit });
  }
  const { from, to } = rangeOf(context, params);
  const scope = { segment: segmentOf(context, params.segment), from, to, after };
  const respondentId = params.respondentId;
  return respondentId !== undefined
    ? queries.ofRespondent({ ...params, respondentId }, scope)
    : queries.range(params, scope);
};

/**
 * `GET /v1/responses`: the responses themselves, filtered and ordered, a page at a time
 * with opaque cursors, as JSON or CSV; with `updatedSince`, every change since an instant
 * for sync clients (docs/api.md#responses).
 */
export const responseRoutes = (queries: ResponseQueries, context: QueryContext): Record<string, Route> => ({
  'GET /v1/responses': route(responseListParams, async (event, params) => {
    const fingerprint = queryFingerprint(event.queryStringParameters ?? {});
    const after = params.cursor === undefined ? undefined : responsePositionOf(params.cursor, fingerprint);
    const page = await pageOf(queries, context, { event, params, after });
    const body = {
      items: page.items.map((listed) => trimmed(listed, params.fields)),
      nextCursor: page.next !== undefined ? responseCursorOf(page.next, fingerprint) : null,
    };
    const columns = columnsOf(params.fields);
    const csv = () =>
      csvTable(
        columns,
        page.items.map((listed) => responseRow(listed, columns)),
      );
    const answer = respond(event, { body, itemsRead: page.itemsRead }, { format: params.format, csv });
    return body.nextCursor ? { ...answer, headers: { ...answer.headers, 'x-next-cursor': body.nextCursor } } : answer;
  }),
});
