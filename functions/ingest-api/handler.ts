import { loadAnalyzer } from '../shared/analyzer';
import { createDocumentClient } from '../shared/dynamodb';
import { createDynamoDbEventStore } from '../shared/dynamodb-event-store';
import { tableNamesFromEnv, timeoutMsFromEnv } from '../shared/environment';
import { lambdaObservability } from '../shared/lambda-observability';
import { createResponseCommands } from '../shared/response-commands';
import { createIngestApiHandler } from './app';

const observability = lambdaObservability('nps-ingest-api');

const tables = tableNamesFromEnv();
const store = createDynamoDbEventStore({
  client: observability.tracer.captureAWSv3Client(createDocumentClient({ timeoutMs: timeoutMsFromEnv() })),
  eventsTable: tables.events,
  personalDataTable: tables.personalData,
});

const analyzer = loadAnalyzer();

export const handler = createIngestApiHandler({
  commands: createResponseCommands({ store, now: Date.now, analyzer }),
  analyzer,
  ...observability,
  budgetMs: timeoutMsFromEnv(),
});
