import { Logger } from '@aws-lambda-powertools/logger';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createDocumentClient } from '../shared/dynamodb';
import { createDynamoDbEventStore } from '../shared/dynamodb-event-store';
import { requiredEnv, tableNamesFromEnv } from '../shared/environment';
import { createResponseCommands } from '../shared/response-commands';
import { createSqsDeadLetterSink } from '../shared/sqs-dead-letters';
import { createIngestEventsHandler } from './app';

const tables = tableNamesFromEnv();
const store = createDynamoDbEventStore({ client: createDocumentClient(), eventsTable: tables.events, personalDataTable: tables.personalData });

export const handler = createIngestEventsHandler({
  commands: createResponseCommands({ store, now: Date.now }),
  deadLetters: createSqsDeadLetterSink(new SQSClient({}), requiredEnv('INBOUND_DEAD_LETTER_QUEUE_URL')),
  logger: new Logger({ serviceName: 'nps-ingest-events' }),
  now: Date.now,
});
