import { Logger } from '@aws-lambda-powertools/logger';
import { projectionConfigFromEnv } from '../shared/config';
import { createDocumentClient } from '../shared/dynamodb';
import { createDynamoDbEventStore } from '../shared/dynamodb-event-store';
import { createDynamoDbProjectionStore } from '../shared/dynamodb-projection-store';
import { tableNamesFromEnv } from '../shared/environment';
import { createProjectorHandler } from './app';

const tables = tableNamesFromEnv();
const client = createDocumentClient();

export const handler = createProjectorHandler({
  projections: createDynamoDbProjectionStore({ client, table: tables.projections }),
  events: createDynamoDbEventStore({ client, eventsTable: tables.events, personalDataTable: tables.personalData }),
  combinations: projectionConfigFromEnv().combinations,
  now: Date.now,
  logger: new Logger({ serviceName: 'nps-projector' }),
});
