import { randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { HttpProblem, problemResponse } from '../../functions/shared/http';
import { localLambdaContext } from './lambda-context';

export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

/** One API Gateway route and the handler behind it. */
export interface RouteBinding {
  routeKey: string;
  functionName: string;
  handler: HttpHandler;
}

/** A local-only endpoint (`/healthz`, `/local/*`): gets the parsed request, never needs the token. */
export type LocalEndpoint = (request: { method: string; url: URL; body: Buffer }) => Promise<{ status: number; body: unknown }>;

export interface LocalHttpServerOptions {
  routes: RouteBinding[];
  localEndpoints: Record<string, LocalEndpoint>;
  /** When set, `/v1/*` requires `Authorization: Bearer <token>` (`/healthz` and local endpoints never do). */
  apiToken?: string;
}

/** API Gateway HTTP APIs accept bodies up to 10 MB. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

interface CompiledRoute extends RouteBinding {
  method: string;
  pattern: RegExp;
  params: string[];
}

const compile = (binding: RouteBinding): CompiledRoute => {
  const [method, template] = binding.routeKey.split(' ') as [string, string];
  const params: string[] = [];
  const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
    params.push(name);
    return '([^/]+)';
  });
  return { ...binding, method, pattern: new RegExp(`^${source}$`), params };
};

const readBody = (request: IncomingMessage): Promise<Buffer | 'too-large'> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });

const headersOf = (request: IncomingMessage): Record<string, string> =>
  Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : (value ?? '')]),
  );

const queryOf = (url: URL): Record<string, string> | undefined => {
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  return Object.keys(query).length ? query : undefined;
};

/** The API Gateway HTTP API (payload format 2.0) event of a request. */
const toApiGatewayEvent = (
  request: IncomingMessage,
  url: URL,
  route: CompiledRoute,
  match: RegExpExecArray,
  body: Buffer,
): APIGatewayProxyEventV2 => {
  const now = Date.now();
  const pathParameters = Object.fromEntries(route.params.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
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

const isAuthorized = (request: IncomingMessage, token: string): boolean => {
  const presented = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
  const [a, b] = [Buffer.from(presented), Buffer.from(token)];
  return a.length === b.length && timingSafeEqual(a, b);
};

const send = (response: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer) => {
  response.writeHead(status, headers);
  response.end(body);
};

/** Answers with an RFC 9457 problem document, as the functions do. */
const sendProblem = (
  response: ServerResponse,
  status: number,
  slug: string,
  title: string,
  detail: string,
  headers: Record<string, string> = {},
) => sendResult(response, problemResponse(new HttpProblem(status, slug, title, detail, undefined, headers)));

const sendResult = (response: ServerResponse, result: APIGatewayProxyResultV2) => {
  if (typeof result === 'string') return send(response, 200, { 'content-type': 'application/json' }, result);
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)]));
  const body = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? '');
  send(response, result.statusCode ?? 200, headers, body);
};

/**
 * The HTTP front of the local stack: what API Gateway does for the deployed stack
 * (match the route, build the v2 event, call the function), plus the local endpoints.
 */
export const createLocalHttpServer = ({ routes, localEndpoints, apiToken }: LocalHttpServerOptions): Server => {
  const compiled = routes.map(compile);
  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', `http://${request.headers.host ?? '127.0.0.1'}`);
      const body = await readBody(request);
      if (body === 'too-large') return sendProblem(response, 413, 'payload-too-large', 'Payload too large', 'The body exceeds 10 MB.');
      const local = localEndpoints[url.pathname];
      if (local) {
        const result = await local({ method: request.method ?? 'GET', url, body });
        const isProblem = result.status >= 400;
        return send(
          response,
          result.status,
          { 'content-type': isProblem ? 'application/problem+json' : 'application/json' },
          JSON.stringify(result.body),
        );
      }
      const onPath = compiled.map((route) => ({ route, match: route.pattern.exec(url.pathname) })).filter((r) => r.match);
      if (onPath.length === 0) return sendProblem(response, 404, 'not-found', 'Not found', `No resource at ${url.pathname}.`);
      if (apiToken && url.pathname.startsWith('/v1/') && !isAuthorized(request, apiToken)) {
        return sendProblem(response, 401, 'unauthorized', 'Unauthorized', 'Send Authorization: Bearer <NPS_API_TOKEN>.', {
          'www-authenticate': 'Bearer',
        });
      }
      const hit = onPath.find((r) => r.route.method === request.method);
      if (!hit) {
        return sendProblem(
          response,
          405,
          'method-not-allowed',
          'Method not allowed',
          `${request.method} is not allowed on ${url.pathname}.`,
          { allow: onPath.map((r) => r.route.method).join(', ') },
        );
      }
      const event = toApiGatewayEvent(request, url, hit.route, hit.match!, body);
      sendResult(response, await hit.route.handler(event, localLambdaContext(hit.route.functionName)));
    } catch (error) {
      if (!response.headersSent) sendProblem(response, 500, 'internal', 'Internal error', (error as Error).message);
    }
  });
  // Keep idle connections longer than clients' pools do (as load balancers do): a server
  // closing an idle connection just as a client reuses it resets that request.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
};
