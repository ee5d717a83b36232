/**
 * `npm start`: the whole backend on this machine. Configuration by environment:
 * PORT (3000), NPS_DATA_DIR (keep data on disk), NPS_API_TOKEN (require a bearer token),
 * DYNAMODB_ENDPOINT (use a running DynamoDB instead of starting DynamoDB Local),
 * NPS_LOG_LEVEL (WARN), NPS_LOG_EVENTS (print published events; default on),
 * NPS_SEGMENT_COMBINATIONS (e.g. `plan+region`: combinations with their own aggregates),
 * NPS_EVENT_SOURCE, NPS_ALERT_MIN_RESPONSES / _MIN_LIFT / _Z_THRESHOLD, NPS_LOCAL_WEBHOOK.
 */
import { projectionConfigFromEnv, publisherConfigFromEnv } from '../../functions/shared/config';
import { JavaMissingError } from './dynamodb-local';
import { startLocalStack } from './stack';

const STOP_DEADLINE_MS = 5_000;
const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'] as const;

const main = async () => {
  const logLevel = (process.env.NPS_LOG_LEVEL ?? 'WARN').toUpperCase() as (typeof LOG_LEVELS)[number];
  if (!LOG_LEVELS.includes(logLevel)) throw new Error(`NPS_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not ${process.env.PORT}`);
  const stack = await startLocalStack({
    port,
    dataDir: process.env.NPS_DATA_DIR || undefined,
    apiToken: process.env.NPS_API_TOKEN || undefined,
    dynamoDbEndpoint: process.env.DYNAMODB_ENDPOINT || undefined,
    logLevel,
    logEvents: process.env.NPS_LOG_EVENTS !== 'false',
    combinations: projectionConfigFromEnv().combinations,
    eventSource: publisherConfigFromEnv().source,
    thresholds: publisherConfigFromEnv().thresholds,
    webhook: process.env.NPS_LOCAL_WEBHOOK || undefined,
  });
  console.log(`NPS backend listening on ${stack.url}`);
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

main().catch((error: Error) => {
  console.error(error instanceof JavaMissingError ? error.message : `could not start: ${error.message}`);
  process.exit(1);
});
