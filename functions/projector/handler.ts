import { PROJECTIONS } from '../projections';
import { loadAnalyzer } from '../shared/analyzer';
import { projectionConfigFromEnv } from '../shared/config';
import { createDocumentClient } from '../shared/dynamodb';
import { createDynamoDbEventStore } from '../shared/dynamodb-event-store';
import { createDynamoDbProjectionStore } from '../shared/dynamodb-projection-store';
import { tableNamesFromEnv, timeoutMsFromEnv } from '../shared/environment';
import { lambdaObservability } from '../shared/lambda-observability';
import { createProjectorHandler } from './app';

const observability = lambdaObservability('nps-projector');

const tables = tableNamesFromEnv();
const client = observability.tracer.captureAWSv3Client(createDocumentClient({ timeoutMs: timeoutMsFromEnv() }));

export const handler = createProjectorHandler({
  store: createDynamoDbProjectionStore({ client, table: tables.projections, outboxTable: tables.outbox }),
  projections: PROJECTIONS,
  events: createDynamoDbEventStore({ client, eventsTable: tables.events, personalDataTable: tables.personalData }),
  combinations: projectionConfigFromEnv().combinations,
  analyzer: loadAnalyzer(),
  now: Date.now,
  ...observability,
});
