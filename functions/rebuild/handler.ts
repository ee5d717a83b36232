import { Logger } from '@aws-lambda-powertools/logger';
import { projectionConfigFromEnv } from '../shared/config';
import { createDocumentClient } from '../shared/dynamodb';
import { createDynamoDbEventLog, createDynamoDbEventStore } from '../shared/dynamodb-event-store';
import { tableNamesFromEnv } from '../shared/environment';
import { createRebuildHandler } from './app';
import { createDynamoDbRebuildStore } from './dynamodb-rebuild-store';

const tables = tableNamesFromEnv();
const client = createDocumentClient({ maxAttempts: 8 });

export const handler = createRebuildHandler({
  store: createDynamoDbRebuildStore({ client, table: tables.projections }),
  log: createDynamoDbEventLog({ client, eventsTable: tables.events }),
  events: createDynamoDbEventStore({ client, eventsTable: tables.events, personalDataTable: tables.personalData }),
  combinations: projectionConfigFromEnv().combinations,
  now: Date.now,
  logger: new Logger({ serviceName: 'nps-rebuild' }),
});
