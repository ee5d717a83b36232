import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Combination } from '../../domain/segments';
import type { AlertLog } from '../shared/alerts/alert-store';
import { respondJson } from '../shared/http';
import { NO_QUERY, type RoutedHttpOptions, route, routedHttpHandler } from '../shared/http-handler';
import { alertRoutes } from './alert-routes';
import { forecastRoutes } from './forecast-routes';
import { type LoopQueries, loopRoutes } from './loop-routes';
import { npsRoutes } from './nps-routes';
import { DEFAULT_LOCAL_SERVER, openApiDocument } from './openapi/document';
import type { Queries } from './queries';
import type { RespondentQueries } from './respondent-queries';
import { respondentRoutes } from './respondent-routes';
import type { ResponseQueries } from './response-queries';
import { responseRoutes } from './response-routes';
import type { ThemeQueries } from './theme-queries';
import { themeRoutes } from './theme-routes';

/**
 * Where a request was sent: the deployed API's HTTPS domain, or the local stack (`apiId`
 * `local`, plain HTTP, the host and port the client named; its default when none).
 */
const originOf = (event: APIGatewayProxyEventV2): string => {
  const { apiId, domainName } = event.requestContext;
  if (apiId !== 'local') return `https://${domainName}`;
  return domainName ? `http://${domainName}` : DEFAULT_LOCAL_SERVER;
};

export interface QueryApiDependencies extends RoutedHttpOptions {
  queries: Queries;
  themes: ThemeQueries;
  respondents: RespondentQueries;
  responses: ResponseQueries;
  loop: LoopQueries;
  alerts: AlertLog;
  combinations: readonly Combination[];
  now: () => number;
}

/**
 * The query HTTP API for BI tools (and `/healthz`, `/v1/openapi.json`), one Lambda
 * routed by `routeKey`; the local stack serves the same handler.
 */
export const createQueryApiHandler = ({
  queries,
  themes,
  respondents,
  responses,
  loop,
  alerts,
  combinations,
  now,
  ...options
}: QueryApiDependencies) =>
  routedHttpHandler(
    {
      'GET /healthz': route(NO_QUERY, async (event) => respondJson(event, { status: 'ok' })),
      'GET /v1/openapi.json': route(NO_QUERY, async (event) =>
        respondJson(event, openApiDocument(originOf(event)), { 'cache-control': 'max-age=300' }),
      ),
      ...npsRoutes(queries, { combinations, now }),
      ...forecastRoutes(queries, { combinations, now }),
      ...themeRoutes(themes, { combinations, now }),
      ...respondentRoutes(respondents, { combinations, now }),
      ...responseRoutes(responses, { combinations, now }),
      ...loopRoutes(loop, { combinations, now }),
      ...alertRoutes(alerts, { combinations, now }),
    },
    options,
  );
