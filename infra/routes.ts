/**
 * The HTTP API's routes per function, defined once: the CDK stack creates exactly these
 * API Gateway routes, and the local server matches requests against them to build the
 * same `routeKey` and path parameters API Gateway would.
 */
export const HTTP_ROUTES = {
  ingestApi: [
    'POST /v1/responses',
    'POST /v1/responses/batch',
    'GET /v1/responses/{responseId}',
    'PATCH /v1/responses/{responseId}',
    'DELETE /v1/responses/{responseId}',
  ],
  queryApi: ['GET /v1/nps', 'GET /v1/nps/timeseries', 'GET /v1/nps/rolling', 'GET /v1/segments', 'GET /v1/openapi.json', 'GET /healthz'],
} as const;

export type HttpFunction = keyof typeof HTTP_ROUTES;
