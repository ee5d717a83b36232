import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { problemResponse } from '../../functions/shared/http';
import { HttpProblem, isServerFault, problemOf } from '../../functions/shared/problems';
import { type CompiledRoute, compileRoute, type RouteBinding, toApiGatewayEvent } from './api-gateway-event';
import type { StaticFile } from './dashboard-files';
import { localLambdaContext } from './lambda-context';
import {
  answerClientError,
  checkSizes,
  isAuthorized,
  NODE_MAX_HEADER_SIZE,
  OPEN_PATHS,
  readBody,
  unauthorized,
} from './request-checks';
import { type RequestTarget, requestTarget } from './request-target';

export type { HttpHandler, RouteBinding } from './api-gateway-event';

/** A local-only endpoint (`/local/*`): gets the parsed request; behind the token like the API when one is set. */
export type LocalEndpoint = (request: {
  method: string;
  url: RequestTarget;
  body: Buffer;
}) => Promise<{ status: number; body: unknown }>;

export interface LocalHttpServerOptions {
  routes: RouteBinding[];
  localEndpoints: Record<string, LocalEndpoint>;
  /**
   * When set, every request needs `Authorization: Bearer <token>` but `/healthz` and the static files (the page
   * itself).
   */
  apiToken?: string;
  /** Files served as they are to GET and HEAD, by path (the dashboard). */
  staticFiles?: Map<string, StaticFile>;
}

/** The static file a GET or HEAD asks for, if any. */
const staticFileFor = (request: IncomingMessage, url: RequestTarget, files: Map<string, StaticFile> | undefined) =>
  request.method === 'GET' || request.method === 'HEAD' ? files?.get(url.pathname) : undefined;

/** Sends a static file (no body for HEAD). */
const sendStatic = (request: IncomingMessage, response: ServerResponse, file: StaticFile) => {
  response.writeHead(200, {
    'content-type': file.contentType,
    'content-length': file.body.length,
    'cache-control': 'no-cache',
  });
  response.end(request.method === 'HEAD' ? undefined : file.body);
};

const send = (response: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer) => {
  response.writeHead(status, headers);
  response.end(body);
};

const sendResult = (
  response: ServerResponse,
  result: APIGatewayProxyResultV2,
  extraHeaders: Record<string, string> = {},
) => {
  if (typeof result === 'string') return send(response, 200, { 'content-type': 'application/json' }, result);
  const headers = {
    ...Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)])),
    ...extraHeaders,
  };
  const body = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? '');
  send(response, result.statusCode ?? 200, headers, body);
};

const sendLocal = async (response: ServerResponse, endpoint: LocalEndpoint, request: Parameters<LocalEndpoint>[0]) => {
  const result = await endpoint(request);
  const contentType = result.status >= 400 ? 'application/problem+json' : 'application/json';
  send(response, result.status, { 'content-type': contentType }, JSON.stringify(result.body));
};

/**
 * The route a request's method and path name: 404 when no route has the path, 405 (with `Allow`) when none has the
 * method.
 */
const resolveRoute = (routes: CompiledRoute[], method: string, path: string) => {
  const onPath = routes.map((route) => ({ route, match: route.pattern.exec(path) })).filter((r) => r.match);
  if (onPath.length === 0) throw new HttpProblem('not-found', `No resource at ${path}.`);
  const hit = onPath.find((r) => r.route.method === method);
  const allow = onPath.map((r) => r.route.method).join(', ');
  return {
    hit,
    notAllowed: new HttpProblem('method-not-allowed', `${method} is not allowed on ${path}.`, { headers: { allow } }),
  };
};

/**
 * The HTTP front of the local stack: what API Gateway does for the deployed stack
 * (match the route, build the v2 event, call the function), plus the local endpoints.
 */
export const createLocalHttpServer = ({
  routes,
  localEndpoints,
  apiToken,
  staticFiles,
}: LocalHttpServerOptions): Server => {
  const compiled = routes.map(compileRoute);
  /** What API Gateway does: the route, the token (locally), the v2 event, the function. */
  const invokeRoute = async (
    request: IncomingMessage,
    response: ServerResponse,
    { url, body }: { url: RequestTarget; body: Buffer },
  ) => {
    const { hit, notAllowed } = resolveRoute(compiled, request.method ?? 'GET', url.pathname);
    if (!hit) throw notAllowed;
    const event = toApiGatewayEvent({ request, url, route: hit.route, match: hit.match!, body });
    sendResult(response, await hit.route.handler(event, localLambdaContext(hit.route.functionName)));
  };
  // what a malformed or unauthorised request gets is decided before its body is read
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    checkSizes(request);
    const url = requestTarget(request);
    const file = staticFileFor(request, url, staticFiles);
    if (file) return sendStatic(request, response, file);
    if (apiToken && !OPEN_PATHS.has(url.pathname) && !isAuthorized(request, apiToken)) throw unauthorized();
    const body = await readBody(request);
    return answerLocalOrRoute(request, response, { url, body });
  };
  const answerLocalOrRoute = (
    request: IncomingMessage,
    response: ServerResponse,
    { url, body }: { url: RequestTarget; body: Buffer },
  ) => {
    const local = Object.hasOwn(localEndpoints, url.pathname) ? localEndpoints[url.pathname] : undefined;
    // HEAD is GET without a body (Node sends none for HEAD)
    if (local)
      return sendLocal(response, local, {
        method: request.method === 'HEAD' ? 'GET' : (request.method ?? 'GET'),
        url,
        body,
      });
    return invokeRoute(request, response, { url, body });
  };
  const server = createServer({ maxHeaderSize: NODE_MAX_HEADER_SIZE }, (request, response) => {
    handle(request, response).catch((error) => {
      const problem = problemOf(error);
      // what the Lambda runtime would log for a function; the local endpoints (the rebuild) have no other log
      if (isServerFault(problem)) console.error(`${request.method} ${request.url}: unexpected error`, error);
      // a body left unread (refused before reading it) is not read afterwards either: the connection closes
      if (!response.headersSent)
        sendResult(response, problemResponse(problem), request.complete ? {} : { connection: 'close' });
    });
  });
  // Keep idle connections longer than clients' pools do (as load balancers do): a server
  // closing an idle connection just as a client reuses it resets that request.
  server.on('clientError', answerClientError);
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
};

/**
 * Starts listening; resolves the port (the one chosen when `port` is 0).
 *
 * @example
 * const port = await listen(server, { port: 0, host: '127.0.0.1' });
 */
export const listen = (server: Server, { port, host }: { port: number; host: string }): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });

/** Stops accepting connections, closes idle ones at once and gives requests in flight a second. */
export const closeServer = async (server: Server): Promise<void> => {
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections();
  const grace = setTimeout(() => server.closeAllConnections(), 1_000);
  await closed;
  clearTimeout(grace);
};
