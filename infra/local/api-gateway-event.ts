import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { HttpProblem } from '../../functions/shared/problems';
import type { RequestTarget } from './request-target';

export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

/** One API Gateway route and the handler behind it. */
export interface RouteBinding {
  routeKey: string;
  functionName: string;
  handler: HttpHandler;
}

/** A route with its method and path pattern, ready to match request paths. */
export interface CompiledRoute extends RouteBinding {
  method: string;
  pattern: RegExp;
  params: string[];
}

/**
 * A route key (`GET /v1/responses/{responseId}`) as a method and a path pattern whose
 * groups are the path parameters, as API Gateway matches them.
 */
export const compileRoute = (binding: RouteBinding): CompiledRoute => {
  const [method, template] = binding.routeKey.split(' ') as [string, string];
  const params: string[] = [];
  const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
    params.push(name);
    return '([^/]+)';
  });
  return { ...binding, method, pattern: new RegExp(`^${source}$`), params };
};

const headersOf = (request: IncomingMessage): Record<string, string> =>
  Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(',') : (value ?? ''),
    ]),
  );

/**
 * Query parameters as API Gateway passes them: repeated names joined by commas; any name is data (even `__proto__`).
 */
const queryOf = (url: RequestTarget): Record<string, string> | undefined => {
  const query = new Map<string, string>();
  for (const [name, value] of url.searchParams)
    query.set(name, query.has(name) ? `${query.get(name)},${value}` : value);
  return query.size ? Object.fromEntries(query) : undefined;
};

const decodeSegment = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch (error) {
    throw new HttpProblem('validation', `The path segment "${text}" is not valid percent-encoding.`, { cause: error });
  }
};

/** A request matched to a route. */
export interface MatchedRequest {
  request: IncomingMessage;
  url: RequestTarget;
  route: CompiledRoute;
  match: RegExpExecArray;
  body: Buffer;
}

/**
 * The API Gateway HTTP API (payload format 2.0) event of a request, as API Gateway would
 * build it: route key, path parameters (decoded), query, headers and a base64 body.
 */
export const toApiGatewayEvent = ({ request, url, route, match, body }: MatchedRequest): APIGatewayProxyEventV2 => {
  const now = Date.now();
  const pathParameters = Object.fromEntries(route.params.map((name, i) => [name, decodeSegment(match[i + 1]!)]));
  const query = queryOf(url);
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers: headersOf(request),
    ...(query ? { queryStringParameters: query } : {}),
    ...(route.params.length ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: url.host,
      domainPrefix: 'local',
      http: {
        method: route.method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: request.headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    ...(body.length ? { body: body.toString('base64'), isBase64Encoded: true } : { isBase64Encoded: false }),
  };
};
