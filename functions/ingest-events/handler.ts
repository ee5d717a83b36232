import { SQSClient } from '@aws-sdk/client-sqs';
import { loadAnalyzer } from '../shared/analyzer';
import { createDocumentClient } from '../shared/dynamodb';
import { createDynamoDbEventStore } from '../shared/dynamodb-event-store';
import { requiredEnv, tableNamesFromEnv, timeoutMsFromEnv } from '../shared/environment';
import { lambdaObservability } from '../shared/lambda-observability';
import { createResponseCommands } from '../shared/response-commands';
import { createSqsDeadLetterSink } from '../shared/sqs-dead-letters';
import { createIngestEventsHandler } from './app';

const observability = lambdaObservability('nps-ingest-events');

const tables = tableNamesFromEnv();
const store = createDynamoDbEventStore({
  client: observability.tracer.captureAWSv3Client(createDocumentClient({ timeoutMs: timeoutMsFromEnv() })),
  eventsTable: tables.events,
  personalDataTable: tables.personalData,
});

export const handler = createIngestEventsHandler({
  commands: createResponseCommands({ store, now: Date.now, analyzer: loadAnalyzer() }),
  deadLetters: createSqsDeadLetterSink(
    observability.tracer.captureAWSv3Client(new SQSClient({})),
    requiredEnv('INBOUND_DEAD_LETTER_QUEUE_URL'),
  ),
  ...observability,
  now: Date.now,
});
