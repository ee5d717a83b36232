import type { Server } from 'node:http';
import type { RebuildResult } from '../../functions/rebuild/rebuild';
import { HTTP_ROUTES } from '../routes';
import { dashboardFiles } from './dashboard-files';
import type { LocalEventBus } from './event-bus';
import type { LocalFunctions } from './functions';
import { createLocalHttpServer, type HttpHandler } from './http-server';
import { type Invocations, timed } from './invocations';
import { localLambdaContext } from './lambda-context';
import { localEndpoints } from './local-endpoints';

/**
 * How long `npm run rebuild` may take on the local stack, which runs it in one in-process
 * invocation: one machine is not a Lambda, so not 15 minutes (200,000 responses take about
 * 40 here; with a 15-minute deadline the rebuild-scale bench got a 500 at minute 15). The
 * deployed rebuild is the state machine, whose workers resume across 15-minute invocations.
 */
export const LOCAL_REBUILD_BUDGET_MS = 24 * 3_600_000;

/**
 * The HTTP server of the local stack: each API route bound to the function the deployed
 * API Gateway routes it to, plus the `/local/*` endpoints.
 *
 * @example
 * const server = startLocalServer({ functions, bus, invocations });
 */
export const startLocalServer = ({
  functions,
  bus,
  invocations,
  apiToken,
}: {
  functions: LocalFunctions;
  bus: LocalEventBus;
  invocations: Invocations;
  apiToken?: string;
}): Server => {
  const handlers: Record<keyof typeof HTTP_ROUTES, HttpHandler> = {
    ingestApi: timed(invocations, 'ingestApi', functions.ingestApi as HttpHandler),
    queryApi: timed(invocations, 'queryApi', functions.queryApi as HttpHandler),
  };
  const routes = Object.entries(HTTP_ROUTES).flatMap(([fn, keys]) =>
    keys.map((routeKey) => ({
      routeKey,
      functionName: `nps-${fn}`,
      handler: handlers[fn as keyof typeof HTTP_ROUTES],
    })),
  );
  // the whole rebuild in one invocation: the same start, segment workers (in-process) and finish as the state machine's
  // steps
  const runRebuild = () =>
    functions.rebuild({}, localLambdaContext('nps-rebuild', LOCAL_REBUILD_BUDGET_MS)) as Promise<RebuildResult>;
  return createLocalHttpServer({
    routes,
    localEndpoints: localEndpoints(bus, runRebuild),
    staticFiles: dashboardFiles(),
    ...(apiToken ? { apiToken } : {}),
  });
};
