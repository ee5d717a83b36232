import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpProblem, type HttpResult } from './http';
import { httpProblems } from './middleware';
import { type Observability, observedHandler } from './observability';

/** One route of an HTTP function. */
export type Route = (event: APIGatewayProxyEventV2) => Promise<HttpResult>;

/**
 * An HTTP API Lambda (payload v2): observability, RFC 9457 answers for every error, and
 * dispatch by `routeKey` to the given routes.
 *
 * @example
 * export const handler = routedHttpHandler({ 'GET /healthz': async () => json(200, { status: 'ok' }) }, { logger });
 */
export const routedHttpHandler = (routes: Record<string, Route>, observability: Observability) =>
  observedHandler<APIGatewayProxyEventV2, HttpResult>(observability)
    .use(httpProblems(observability.logger))
    .handler(async (event) => {
      const route = routes[event.routeKey];
      if (!route) throw new HttpProblem('not-found', `No route ${event.routeKey}.`);
      return route(event);
    });
