import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { fieldErrorsOf } from '../../domain/validation';
import { DependencyUnavailableError } from './errors';
import { HttpProblem, type HttpResult, validationProblem } from './http';
import { httpProblems } from './middleware';
import { type Observability, observedHandler } from './observability';

/**
 * One route of an HTTP function: the query parameters it accepts (a strict schema: an
 * unknown parameter is a 400 on every route alike) and what it answers.
 */
export interface Route<S extends z.ZodType = z.ZodType> {
  query: S;
  /** `deadline` (epoch ms): when the request's time budget runs out; a route may answer part of its work by then. */
  handle(event: APIGatewayProxyEventV2, query: z.infer<S>, context: { deadline: number }): Promise<HttpResult>;
}

/**
 * A route with its query schema.
 *
 * @example
 * 'GET /v1/segments': route(NO_QUERY, async () => json(200, await catalogue())),
 */
export const route = <S extends z.ZodType>(query: S, handle: Route<S>['handle']): Route => ({ query, handle }) as Route;

/** The query schema of a route that takes no parameters. */
export const NO_QUERY = z.strictObject({});

/** How long a request may take before it is answered 503 (`NPS_DYNAMODB_TIMEOUT_MS`). */
export const DEFAULT_REQUEST_BUDGET_MS = 3_000;

/** Time a route may take past its deadline to send what it has (the batch route answers per item at its deadline). */
const BUDGET_GRACE_MS = 250;

export interface RoutedHttpOptions extends Observability {
  /**
   * Time budget of each request; past it the answer is 503 with Retry-After (the work may still land: retries are
   * safe).
   */
  budgetMs?: number;
}

/** The route a route key names; `HEAD x` is answered by `GET x` without a body. */
const resolve = (routes: Record<string, Route>, routeKey: string): { route: Route; head: boolean } => {
  const head = routeKey.startsWith('HEAD ');
  const key = head ? `GET ${routeKey.slice(5)}` : routeKey;
  const found = Object.hasOwn(routes, key) ? routes[key] : undefined;
  if (!found) throw new HttpProblem('not-found', `No route ${routeKey}.`);
  return { route: found, head };
};

const parseQuery = (schema: z.ZodType, event: APIGatewayProxyEventV2) => {
  const parsed = schema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success)
    throw validationProblem(fieldErrorsOf(parsed.error), 'The query parameters are not valid; see errors.');
  return parsed.data;
};

/** The answer of `work`, or `DependencyUnavailableError` once `budgetMs` passed without one. */
const withinBudget = async <T>(work: Promise<T>, budgetMs: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DependencyUnavailableError(`no answer within the ${budgetMs} ms budget`)),
      budgetMs,
    );
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * An HTTP API Lambda (payload v2): observability, RFC 9457 answers for every error, the
 * same query strictness on every route, a time budget per request, HEAD wherever GET is,
 * and dispatch by `routeKey`.
 *
 * @example
 * export const handler = routedHttpHandler({ 'GET /healthz': route(NO_QUERY, async () => json(200, { status: 'ok' }))
 * }, { logger });
 */
export const routedHttpHandler = (
  routes: Record<string, Route>,
  { budgetMs = DEFAULT_REQUEST_BUDGET_MS, ...observability }: RoutedHttpOptions,
) =>
  observedHandler<APIGatewayProxyEventV2, HttpResult>(observability)
    .use(httpProblems(observability.logger))
    .handler(async (event) => {
      const { route: found, head } = resolve(routes, event.routeKey);
      const deadline = Date.now() + budgetMs;
      // a route answering by its deadline (a batch) gets a moment more before the budget cuts it off
      const result = await withinBudget(
        found.handle(event, parseQuery(found.query, event), { deadline }),
        budgetMs + BUDGET_GRACE_MS,
      );
      return head ? { ...result, body: '' } : result;
    });
