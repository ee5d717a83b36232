import type { Server } from 'node:http';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Combination } from '../../domain/segments';
import { DEFAULT_SPIKE_THRESHOLDS, type SpikeThresholds } from '../../domain/spike';
import { createAlertSweeperHandler } from '../../functions/alert-sweeper/app';
import { createIngestApiHandler } from '../../functions/ingest-api/app';
import { createIngestEventsHandler, INBOUND_DETAIL_TYPE } from '../../functions/ingest-events/app';
import { createProjectorHandler } from '../../functions/projector/app';
import { createPublisherHandler } from '../../functions/publisher/app';
import { createQueryApiHandler } from '../../functions/query-api/app';
import { createQueries } from '../../functions/query-api/queries';
import { createRebuildHandler } from '../../functions/rebuild/app';
import { createDynamoDbRebuildStore } from '../../functions/rebuild/dynamodb-rebuild-store';
import type { RebuildResult } from '../../functions/rebuild/rebuild';
import { createDocumentClient } from '../../functions/shared/dynamodb';
import { createDynamoDbAlertStore } from '../../functions/shared/dynamodb-alert-store';
import { createDynamoDbEventLog, createDynamoDbEventStore } from '../../functions/shared/dynamodb-event-store';
import { createDynamoDbProjectionStore } from '../../functions/shared/dynamodb-projection-store';
import { HttpProblem } from '../../functions/shared/http';
import { createResponseCommands } from '../../functions/shared/response-commands';
import { STREAM_MAPPINGS } from '../mappings';
import { HTTP_ROUTES } from '../routes';
import { localTableNames, type TableNames } from '../tables';
import { ensureTables } from './create-tables';
import { type DynamoDbLocal, startDynamoDbLocal } from './dynamodb-local';
import { type BusEvent, createLocalEventBus, type LocalEventBus } from './event-bus';
import { startEventBridgeEndpoint } from './eventbridge-endpoint';
import { createLocalHttpServer, type HttpHandler, type LocalEndpoint } from './http-server';
import { localLambdaContext } from './lambda-context';
import { type StreamPoller, startStreamPoller } from './stream-poller';

export interface LocalStackOptions {
  /** HTTP port; 0 picks a free one. Default 3000. */
  port?: number;
  host?: string;
  /** Keep DynamoDB Local's data here; in memory when unset. */
  dataDir?: string;
  /** Require `Authorization: Bearer <apiToken>` on `/v1/*`. */
  apiToken?: string;
  /** Use this running DynamoDB (Local) instead of starting one. */
  dynamoDbEndpoint?: string;
  /** Prefix of the table names, so that several stacks can share one DynamoDB Local. */
  tablePrefix?: string;
  /** Log level of the functions' Powertools loggers. */
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  /** Print each event put on the local bus as one JSON line. */
  logEvents?: boolean;
  /** Segment combinations with their own aggregates (NPS_SEGMENT_COMBINATIONS). */
  combinations?: Combination[];
  /** Projector batching window (Lambda MaximumBatchingWindow); the deployed setting by default. */
  projectorBatchingWindowMs?: number;
  /** Clock-skew margin of a rebuild (one machine: small). Default 1 s. */
  rebuildSettleMs?: number;
  /** `source` of published events (NPS_EVENT_SOURCE). */
  eventSource?: string;
  /** Detractor-spike thresholds (NPS_ALERT_*). */
  thresholds?: SpikeThresholds;
  /** How often open alert episodes are re-evaluated. Default 60 s. */
  alertSweepIntervalMs?: number;
  /** POST every published event as JSON to this URL (NPS_LOCAL_WEBHOOK). */
  webhook?: string;
  /** Called with the DynamoDB client the functions share (benchmarks attach meters). */
  instrument?: (client: DynamoDBDocumentClient) => void;
  now?: () => number;
}

export interface LocalStack {
  url: string;
  port: number;
  dynamoDbEndpoint: string;
  tables: TableNames;
  bus: LocalEventBus;
  /** Resolves when every stream and bus delivery started so far has been handled. */
  settled(): Promise<void>;
  /** Re-evaluates open alert episodes now (what the schedule does every minute). */
  sweepAlerts(): Promise<{ recovered: string[] }>;
  /** Invocations and their total duration, per function (benchmarks). */
  invocations: Record<string, { count: number; totalMs: number }>;
  stop(): Promise<void>;
}

const listen = (server: Server, port: number, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });

const json = (status: number, body: unknown) => ({ status, body });
const problem = (status: number, slug: string, title: string, detail: string) =>
  json(status, new HttpProblem(status, slug, title, detail).toProblem());
const badRequest = (detail: string) => problem(400, 'validation', 'Invalid request', detail);
const methodNotAllowed = (allowed: string) => problem(405, 'method-not-allowed', 'Method not allowed', allowed);

const localEndpoints = (bus: LocalEventBus, runRebuild: () => Promise<RebuildResult>): Record<string, LocalEndpoint> => ({
  '/local/rebuild': async ({ method }) => {
    if (method !== 'POST') return methodNotAllowed('POST');
    return json(200, await runRebuild());
  },
  '/local/dead-letters': async () => json(200, { deadLetters: bus.deadLetters() }),
  '/local/events': async ({ method, url, body }) => {
    if (method === 'GET') {
      const detailType = url.searchParams.get('detailType') ?? undefined;
      return json(200, { events: bus.events(detailType) });
    }
    if (method !== 'POST') return methodNotAllowed('GET or POST');
    let parsed: { detailType?: unknown; detail?: unknown; source?: unknown };
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return badRequest('The body is not valid JSON.');
    }
    if (typeof parsed?.detailType !== 'string' || parsed.detailType === '') return badRequest('detailType (string) is required.');
    if (parsed.detail === undefined) return badRequest('detail is required.');
    const [event] = bus.put([
      { source: typeof parsed.source === 'string' ? parsed.source : 'local.client', detailType: parsed.detailType, detail: parsed.detail },
    ]);
    return json(202, { id: event!.id });
  },
});

/**
 * Starts the whole backend on this machine: DynamoDB Local (unless an endpoint is given),
 * the tables, the same function handlers as the deployed stack behind an HTTP server,
 * the stream pollers and a local event bus.
 *
 * @example
 * const stack = await startLocalStack({ port: 0 });
 * await fetch(`${stack.url}/v1/responses`, { method: 'POST', body: JSON.stringify(response) });
 * await stack.stop();
 */
export const startLocalStack = async (options: LocalStackOptions = {}): Promise<LocalStack> => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const now = options.now ?? Date.now;
  const logLevel = options.logLevel ?? 'WARN';
  const logger = (serviceName: string) => new Logger({ serviceName, logLevel });
  let dynamo: DynamoDbLocal | undefined;
  const endpoint = options.dynamoDbEndpoint ?? (dynamo = await startDynamoDbLocal({ dataDir: options.dataDir })).endpoint;
  const pollers: StreamPoller[] = [];
  let server: Server | undefined;
  const cleanups: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    if (server) {
      const closing = server;
      const closed = new Promise((resolve) => closing.close(resolve));
      closing.closeIdleConnections();
      const grace = setTimeout(() => closing.closeAllConnections(), 1_000); // in-flight requests get a second
      await closed;
      clearTimeout(grace);
    }
    await Promise.all(pollers.map((poller) => poller.stop()));
    for (const cleanup of cleanups) await cleanup();
    await dynamo?.stop();
  };
  try {
    const invocations: LocalStack['invocations'] = {};
    /** Counts and times a function's invocations (what Lambda would bill). */
    const timed =
      <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        const started = performance.now();
        try {
          return await fn(...args);
        } finally {
          const stats = (invocations[name] ??= { count: 0, totalMs: 0 });
          stats.count++;
          stats.totalMs += performance.now() - started;
        }
      };
    const tables = localTableNames(options.tablePrefix ?? 'nps-');
    const client = createDocumentClient({ endpoint });
    options.instrument?.(client);
    const streamArns = await ensureTables(client, tables);
    const streams = new DynamoDBStreamsClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const combinations = options.combinations ?? [];
    const projections = createDynamoDbProjectionStore({ client, table: tables.projections, outboxTable: tables.outbox });

    const store = createDynamoDbEventStore({ client, eventsTable: tables.events, personalDataTable: tables.personalData });
    const commands = createResponseCommands({ store, now });
    const bus = createLocalEventBus({
      now,
      onEvent: options.logEvents ? (event: BusEvent) => console.log(JSON.stringify({ published: event })) : undefined,
    });
    const ingestEvents = createIngestEventsHandler({ commands, deadLetters: bus.deadLetterSink, logger: logger('nps-ingest-events'), now });
    bus.addRule({
      name: 'inbound-responses',
      matches: (event) => event.detailType === INBOUND_DETAIL_TYPE,
      target: (event) => ingestEvents(event, localLambdaContext('nps-ingest-events')),
    });

    const source = options.eventSource ?? 'nps.backend';
    const eventBridge = await startEventBridgeEndpoint({
      accept: (entry) => void bus.put([{ source: entry.Source, detailType: entry.DetailType, detail: JSON.parse(entry.Detail) }]),
    });
    cleanups.push(() => eventBridge.close());
    const eventBridgeClient = new EventBridgeClient({
      endpoint: eventBridge.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    cleanups.push(() => eventBridgeClient.destroy());
    if (options.webhook) {
      const webhook = options.webhook;
      bus.addRule({
        name: 'local-webhook',
        matches: (event) => event.source === source,
        target: async (event) => {
          const response = await fetch(webhook, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(event),
          });
          if (!response.ok) throw new Error(`webhook answered ${response.status}`);
        },
      });
    }
    const alertDeps = {
      projections,
      alerts: createDynamoDbAlertStore({ client, table: tables.projections, outboxTable: tables.outbox }),
      thresholds: options.thresholds ?? DEFAULT_SPIKE_THRESHOLDS,
      now,
    };
    const publisher = createPublisherHandler({
      ...alertDeps,
      eventBridge: eventBridgeClient,
      eventBusName: 'local',
      source,
      responses: store,
      logger: logger('nps-publisher'),
    });
    const sweeper = createAlertSweeperHandler({ ...alertDeps, logger: logger('nps-alert-sweeper') });
    const sweep = setInterval(() => {
      sweeper({}, localLambdaContext('nps-alert-sweeper')).catch(() => undefined);
    }, options.alertSweepIntervalMs ?? 60_000);
    cleanups.push(() => clearInterval(sweep));

    const projector = createProjectorHandler({ projections, events: store, combinations, now, logger: logger('nps-projector') });
    const streamLogger = logger('nps-local-streams');
    pollers.push(
      startStreamPoller({
        client: streams,
        streamArn: streamArns.events!,
        batchSize: STREAM_MAPPINGS.projector.batchSize,
        maxBatchingWindowMs: options.projectorBatchingWindowMs ?? STREAM_MAPPINGS.projector.maxBatchingWindowSeconds * 1000,
        handler: timed('projector', (event) => projector(event, localLambdaContext('nps-projector'))),
        onError: (error, shardId) => streamLogger.warn('projector invocation failed; retrying', { shardId, error: error as Error }),
      }),
    );
    pollers.push(
      startStreamPoller({
        client: streams,
        streamArn: streamArns.outbox!,
        batchSize: STREAM_MAPPINGS.publisher.batchSize,
        handler: timed('publisher', (event) => publisher(event, localLambdaContext('nps-publisher'))),
        onError: (error, shardId) => streamLogger.warn('publisher invocation failed; retrying', { shardId, error: error as Error }),
      }),
    );

    const handlers: Record<keyof typeof HTTP_ROUTES, HttpHandler> = {
      ingestApi: timed('ingestApi', createIngestApiHandler({ commands, logger: logger('nps-ingest-api') }) as HttpHandler),
      queryApi: timed(
        'queryApi',
        createQueryApiHandler({ queries: createQueries(projections), combinations, now, logger: logger('nps-query-api') }) as HttpHandler,
      ),
    };
    const routes = Object.entries(HTTP_ROUTES).flatMap(([fn, keys]) =>
      keys.map((routeKey) => ({ routeKey, functionName: `nps-${fn}`, handler: handlers[fn as keyof typeof HTTP_ROUTES] })),
    );
    const rebuildHandler = createRebuildHandler({
      store: createDynamoDbRebuildStore({ client, table: tables.projections }),
      log: createDynamoDbEventLog({ client, eventsTable: tables.events }),
      events: store,
      combinations,
      now,
      settleMs: options.rebuildSettleMs ?? 1_000,
      logger: logger('nps-rebuild'),
    });
    const runRebuild = () => rebuildHandler({}, localLambdaContext('nps-rebuild', 15 * 60_000));
    server = createLocalHttpServer({ routes, localEndpoints: localEndpoints(bus, runRebuild), apiToken: options.apiToken });
    const host = options.host ?? '127.0.0.1';
    const port = await listen(server, options.port ?? 3000, host);
    return {
      url: `http://${host}:${port}`,
      port,
      dynamoDbEndpoint: endpoint,
      tables,
      bus,
      settled: async () => {
        // events → projector → outbox → publisher → (alerts → outbox → publisher) → bus
        for (let round = 0; round < 3; round++) {
          for (const poller of pollers) await poller.settled(180_000);
          await bus.settled();
        }
      },
      sweepAlerts: () => sweeper({}, localLambdaContext('nps-alert-sweeper')),
      invocations,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};
