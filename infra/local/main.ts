/**
 * `npm start`: the whole backend on this machine. Configuration by environment:
 * PORT (3000), NPS_DATA_DIR (keep data on disk), NPS_API_TOKEN (require a bearer token on
 * every route but /healthz and the page's files),
 * DYNAMODB_ENDPOINT (use a running DynamoDB instead of starting DynamoDB Local),
 * NPS_LOG_LEVEL (WARN), NPS_LOG_EVENTS (print published events; default on),
 * NPS_SEGMENT_COMBINATIONS (e.g. `plan+region`: combinations with their own aggregates),
 * NPS_EVENT_SOURCE, NPS_ALERT_MIN_RESPONSES / _MIN_LIFT / _Z_THRESHOLD, NPS_LOCAL_WEBHOOK,
 * NPS_DYNAMODB_TIMEOUT_MS (3000: time budget of a request), NPS_LOCAL_EVENTS_KEEP (10000),
 * NPS_THEMES_FILE (a custom taxonomy of comment themes; an invalid file stops the start).
 */

import { ConfigurationError } from '../../domain/errors';
import { loadAnalyzer } from '../../functions/shared/analyzer';
import { dynamoDbTimeoutFromEnv, projectionConfigFromEnv, publisherConfigFromEnv } from '../../functions/shared/config';
import { JavaMissingError } from './dynamodb-local';
import { type LocalStack, type LocalStackOptions, startLocalStack } from './stack';

const STOP_DEADLINE_MS = 5_000;
const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'] as const;

/** The local stack's options from the environment (documented above); throws `ConfigurationError` on a bad value. */
const optionsFromEnv = (env: NodeJS.ProcessEnv): LocalStackOptions => {
  const logLevel = (env.NPS_LOG_LEVEL ?? 'WARN').toUpperCase() as (typeof LOG_LEVELS)[number];
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigurationError(`NPS_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigurationError(`PORT must be a port number, not ${env.PORT}`);
  const publisher = publisherConfigFromEnv(env);
  return {
    port,
    logLevel,
    logEvents: env.NPS_LOG_EVENTS !== 'false',
    combinations: projectionConfigFromEnv(env).combinations,
    riskThreshold: projectionConfigFromEnv(env).riskThreshold,
    eventSource: publisher.source,
    thresholds: publisher.thresholds,
    analyzer: loadAnalyzer(env),
    ...optionalNumbers({ timeoutMs: dynamoDbTimeoutFromEnv(env), eventsKeep: eventsKeepFromEnv(env) }),
    ...definedStrings({
      dataDir: env.NPS_DATA_DIR,
      apiToken: env.NPS_API_TOKEN,
      dynamoDbEndpoint: env.DYNAMODB_ENDPOINT,
      webhook: env.NPS_LOCAL_WEBHOOK,
    }),
  };
};

/** The entries whose value is defined. */
const optionalNumbers = <K extends string>(values: Record<K, number | undefined>): Partial<Record<K, number>> =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<Record<K, number>>;

/** NPS_LOCAL_EVENTS_KEEP: how many published events the local log keeps (1–1,000,000). */
const eventsKeepFromEnv = (env: NodeJS.ProcessEnv): number | undefined => {
  const raw = env.NPS_LOCAL_EVENTS_KEEP;
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 1_000_000)
    throw new ConfigurationError(`NPS_LOCAL_EVENTS_KEEP must be an integer from 1 to 1000000, not "${raw}"`);
  return value;
};

/** The entries whose value is a non-empty string. */
const definedStrings = <K extends string>(values: Record<K, string | undefined>): Partial<Record<K, string>> =>
  Object.fromEntries(
    Object.entries(values).filter(([, value]) => typeof value === 'string' && value !== ''),
  ) as Partial<Record<K, string>>;

/** Stops the stack on SIGINT/SIGTERM, within the 5 s the contract promises. */
const stopOnSignals = (stack: LocalStack) => {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    setTimeout(() => process.exit(1), STOP_DEADLINE_MS).unref();
    stack.stop().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
};

const main = async () => {
  const options = optionsFromEnv(process.env);
  const stack = await startLocalStack(options);
  console.log(`NPS backend listening on ${stack.url}`);
  if (!options.apiToken) {
    console.warn(
      `NPS_API_TOKEN is not set: anyone who can reach ${stack.url} may read and write its data (/v1/*, /local/*).`,
    );
  }
  stopOnSignals(stack);
};

main().catch((error: Error) => {
  console.error(error instanceof JavaMissingError ? error.message : `could not start: ${error.message}`);
  process.exit(1);
});
