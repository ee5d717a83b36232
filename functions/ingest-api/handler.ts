import { Logger } from '@aws-lambda-powertools/logger';
import { createDocumentClient } from '../shared/dynamodb';
import { createDynamoDbEventStore } from '../shared/dynamodb-event-store';
import { tableNamesFromEnv } from '../shared/environment';
import { createResponseCommands } from '../shared/response-commands';
import { createIngestApiHandler } from './app';

const tables = tableNamesFromEnv();
const store = createDynamoDbEventStore({ client: createDocumentClient(), eventsTable: tables.events, personalDataTable: tables.personalData });

export const handler = createIngestApiHandler({
  commands: createResponseCommands({ store, now: Date.now }),
  logger: new Logger({ serviceName: 'nps-ingest-api' }),
});
