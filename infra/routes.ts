/** `GET x` and, for it, `HEAD x`: HEAD works wherever GET does (answered by the GET route without a body). */
const withHead = <K extends string>(routeKeys: readonly K[]): string[] =>
  routeKeys.flatMap((key) => (key.startsWith('GET ') ? [key, `HEAD ${key.slice(4)}`] : [key]));

/**
 * The HTTP API's routes per function, defined once: the CDK stack creates exactly these
 * API Gateway routes, and the local server matches requests against them to build the
 * same `routeKey` and path parameters API Gateway would.
 */
export const HTTP_ROUTES = {
  ingestApi: withHead([
    'POST /v1/responses',
    'POST /v1/responses/batch',
    'GET /v1/responses/{responseId}',
    'PATCH /v1/responses/{responseId}',
    'DELETE /v1/responses/{responseId}',
    'POST /v1/responses/{responseId}/follow-ups',
    'DELETE /v1/respondents/{respondentId}',
    'POST /v1/analyze',
  ]),
  queryApi: withHead([
    'GET /v1/nps',
    'GET /v1/nps/timeseries',
    'GET /v1/nps/rolling',
    'GET /v1/nps/forecast',
    'GET /v1/segments',
    'GET /v1/themes',
    'GET /v1/themes/timeseries',
    'GET /v1/themes/discover',
    'GET /v1/respondents',
    'GET /v1/respondents/{respondentId}',
    'GET /v1/respondents/{respondentId}/eligibility',
    'GET /v1/transitions',
    'GET /v1/responses',
    'GET /v1/loop',
    'GET /v1/alerts',
    'GET /v1/openapi.json',
    'GET /healthz',
  ]),
};

export type HttpFunction = keyof typeof HTTP_ROUTES;
