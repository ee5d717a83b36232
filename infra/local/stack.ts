import type { Server } from 'node:http';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { createAnalyzer } from '../../domain/analysis/analyze';
import { DEFAULT_RISK_THRESHOLD } from '../../domain/respondents/risk';
import { DEFAULT_SPIKE_THRESHOLDS } from '../../domain/spike';
import {
  DEFAULT_DYNAMODB_TIMEOUT_MS,
  DEFAULT_EVENT_SOURCE,
  REBUILD_DYNAMODB_TIMEOUT_MS,
} from '../../functions/shared/config';
import { createDocumentClient } from '../../functions/shared/dynamodb';
import { localTableNames, type TableNames } from '../tables';
import { inboundRule, webhookRule } from './bus-rules';
import { ensureTables } from './create-tables';
import { type DynamoDbLocal, startDynamoDbLocal } from './dynamodb-local';
import { type BusEvent, createLocalEventBus, type LocalEventBus } from './event-bus';
import { startEventBridgeEndpoint } from './eventbridge-endpoint';
import { createLocalFunctions, type LocalFunctionSettings } from './functions';
import { closeServer, listen } from './http-server';
import { localLambdaContext } from './lambda-context';
import { startLocalServer } from './local-server';
import { withoutPersonalData } from './personal-data-redaction';
import { startStreamPollers } from './pollers';
import type { LocalStackOptions } from './stack-options';
import type { StreamPoller } from './stream-poller';

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

/** Things to undo on stop, last started first. */
const createShutdown = () => {
  const steps: (() => Promise<unknown> | unknown)[] = [];
  return {
    add: (step: () => Promise<unknown> | unknown) => void steps.unshift(step),
    run: async () => {
      for (const step of steps.splice(0)) await step();
    },
  };
};

const localCredentials = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

/** The local event bus, with the EventBridge endpoint the publisher puts events to and the webhook rule. */
const startBus = async (options: LocalStackOptions, shutdown: ReturnType<typeof createShutdown>) => {
  const bus = createLocalEventBus({
    now: options.now,
    ...(options.eventsKeep ? { keep: options.eventsKeep } : {}),
    // a terminal's scrollback cannot be erased: the printed line leaves out the personal data
    onEvent: options.logEvents
      ? (event: BusEvent) =>
          console.log(JSON.stringify({ published: { ...event, detail: withoutPersonalData(event.detail) } }))
      : undefined,
  });
  const endpoint = await startEventBridgeEndpoint({
    accept: (entry) =>
      void bus.put([{ source: entry.Source, detailType: entry.DetailType, detail: JSON.parse(entry.Detail) }]),
  });
  shutdown.add(() => endpoint.close());
  const eventBridge = new EventBridgeClient({ endpoint: endpoint.endpoint, ...localCredentials });
  shutdown.add(() => eventBridge.destroy());
  if (options.webhook)
    bus.addRule(webhookRule({ url: options.webhook, source: options.eventSource ?? DEFAULT_EVENT_SOURCE }));
  return { bus, eventBridge };
};

/** DynamoDB Local, in memory or on `dataDir`; answers its endpoint. */
const startDynamo = async (
  options: LocalStackOptions,
  shutdown: ReturnType<typeof createShutdown>,
): Promise<string> => {
  const dynamo: DynamoDbLocal = await startDynamoDbLocal({ dataDir: options.dataDir });
  shutdown.add(() => dynamo.stop());
  return dynamo.endpoint;
};

/** The functions' settings: the options given, the deployed defaults for the rest. */
const functionSettings = (options: LocalStackOptions): LocalFunctionSettings => ({
  combinations: options.combinations ?? [],
  riskThreshold: options.riskThreshold ?? DEFAULT_RISK_THRESHOLD,
  thresholds: options.thresholds ?? DEFAULT_SPIKE_THRESHOLDS,
  source: options.eventSource ?? DEFAULT_EVENT_SOURCE,
  logLevel: options.logLevel ?? 'WARN',
  rebuildSettleMs: options.rebuildSettleMs ?? 1_000,
  timeoutMs: options.timeoutMs ?? DEFAULT_DYNAMODB_TIMEOUT_MS,
  analyzer: options.analyzer ?? createAnalyzer(),
  now: options.now ?? Date.now,
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
  const shutdown = createShutdown();
  try {
    const endpoint = options.dynamoDbEndpoint ?? (await startDynamo(options, shutdown));
    const tables = localTableNames(options.tablePrefix ?? 'nps-');
    const timeoutMs = options.timeoutMs ?? DEFAULT_DYNAMODB_TIMEOUT_MS;
    const client = createDocumentClient({ endpoint, timeoutMs });
    options.instrument?.(client);
    const streamArns = await ensureTables(client, tables);
    const { bus, eventBridge } = await startBus(options, shutdown);
    const rebuildClient = createDocumentClient({ endpoint, timeoutMs: REBUILD_DYNAMODB_TIMEOUT_MS, maxAttempts: 8 });
    const resources = { client, rebuildClient, tables, eventBridge, deadLetters: bus.deadLetterSink };
    const functions = createLocalFunctions(resources, functionSettings(options));
    bus.addRule(inboundRule((event) => functions.ingestEvents(event, localLambdaContext('nps-ingest-events'))));
    const sweep = setInterval(() => {
      functions
        .sweeper({}, localLambdaContext('nps-alert-sweeper'))
        .catch((error) => functions.streamLogger.warn('alert sweep failed', { error }));
    }, options.alertSweepIntervalMs ?? 60_000);
    shutdown.add(() => clearInterval(sweep));
    const invocations: LocalStack['invocations'] = {};
    const streams = new DynamoDBStreamsClient({
      endpoint,
      ...localCredentials,
      requestHandler: new NodeHttpHandler({
        connectionTimeout: 1_000,
        requestTimeout: timeoutMs,
        throwOnRequestTimeout: true,
      }),
    });
    const pollers: StreamPoller[] = startStreamPollers({
      streams,
      streamArns,
      functions,
      invocations,
      options,
      forgetPersonalData: bus.forgetPersonalData,
    });
    shutdown.add(() => Promise.all(pollers.map((poller) => poller.stop())));
    const server: Server = startLocalServer({ functions, bus, invocations, apiToken: options.apiToken });
    shutdown.add(() => closeServer(server));
    const host = options.host ?? '127.0.0.1';
    const port = await listen(server, { port: options.port ?? 3000, host });
    return {
      url: `http://${host}:${port}`,
      port,
      dynamoDbEndpoint: endpoint,
      tables,
      bus,
      settled: async () => {
        // events → projector → outbox → publisher → (alerts → outbox → publisher) → bus
        for (let round = 0; round < 3; round++) {
          // a backlog of thousands on a busy 2-core machine: minutes
          for (const poller of pollers) await poller.settled(360_000);
          await bus.settled();
        }
      },
      sweepAlerts: () => functions.sweeper({}, localLambdaContext('nps-alert-sweeper')),
      invocations,
      stop: shutdown.run,
    };
  } catch (error) {
    await shutdown.run();
    throw error;
  }
};

export type { LocalStackOptions } from './stack-options';
