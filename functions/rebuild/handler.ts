import { PROJECTIONS } from '../projections';
import { loadAnalyzer } from '../shared/analyzer';
import { projectionConfigFromEnv, REBUILD_DYNAMODB_TIMEOUT_MS } from '../shared/config';
import { createDocumentClient } from '../shared/dynamodb';
import { createDynamoDbEventLog, createDynamoDbEventStore } from '../shared/dynamodb-event-store';
import { createDynamoDbProjectionStore } from '../shared/dynamodb-projection-store';
import { tableNamesFromEnv } from '../shared/environment';
import { lambdaObservability } from '../shared/lambda-observability';
import { createRebuildHandler } from './app';

const observability = lambdaObservability('nps-rebuild');

const tables = tableNamesFromEnv();
const client = observability.tracer.captureAWSv3Client(
  createDocumentClient({ timeoutMs: REBUILD_DYNAMODB_TIMEOUT_MS, maxAttempts: 8 }),
);

export const handler = createRebuildHandler({
  store: createDynamoDbProjectionStore({ client, table: tables.projections }),
  projections: PROJECTIONS,
  log: createDynamoDbEventLog({ client, eventsTable: tables.events }),
  events: createDynamoDbEventStore({ client, eventsTable: tables.events, personalDataTable: tables.personalData }),
  combinations: projectionConfigFromEnv().combinations,
  analyzer: loadAnalyzer(),
  now: Date.now,
  ...observability,
});
