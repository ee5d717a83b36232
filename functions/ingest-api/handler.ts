import { loadAnalyzer } from '../shared/analyzer';
import { createDocumentClient } from '../shared/dynamodb';
import { createDynamoDbEventStore } from '../shared/dynamodb-event-store';
import { tableNamesFromEnv, timeoutMsFromEnv } from '../shared/environment';
import { lambdaObservability } from '../shared/lambda-observability';
import { createRespondentErasure } from '../shared/respondent-erasure';
import { createDynamoDbRespondentIndex } from '../shared/respondent-index';
import { createResponseCommands } from '../shared/response-commands';
import { createIngestApiHandler } from './app';

const observability = lambdaObservability('nps-ingest-api');

const tables = tableNamesFromEnv();
const client = observability.tracer.captureAWSv3Client(createDocumentClient({ timeoutMs: timeoutMsFromEnv() }));
const store = createDynamoDbEventStore({ client, eventsTable: tables.events, personalDataTable: tables.personalData });

const analyzer = loadAnalyzer();
const commands = createResponseCommands({ store, now: Date.now, analyzer });
const index = createDynamoDbRespondentIndex({ client, personalDataTable: tables.personalData });

export const handler = createIngestApiHandler({
  commands,
  analyzer,
  eraseRespondent: createRespondentErasure({ index, commands, now: Date.now }),
  ...observability,
  budgetMs: timeoutMsFromEnv(),
});
