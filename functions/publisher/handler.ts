import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { createDynamoDbAlertStore } from '../shared/alerts/dynamodb-alert-store';
import { projectionConfigFromEnv, publisherConfigFromEnv } from '../shared/config';
import { createDocumentClient } from '../shared/dynamodb';
import { createDynamoDbEventStore } from '../shared/dynamodb-event-store';
import { createDynamoDbProjectionStore } from '../shared/dynamodb-projection-store';
import { tableNamesFromEnv, timeoutMsFromEnv } from '../shared/environment';
import { lambdaObservability } from '../shared/lambda-observability';
import { createPublisherHandler } from './app';

const observability = lambdaObservability('nps-publisher');
const tables = tableNamesFromEnv();
const client = observability.tracer.captureAWSv3Client(createDocumentClient({ timeoutMs: timeoutMsFromEnv() }));
const config = publisherConfigFromEnv();
const projections = createDynamoDbProjectionStore({ client, table: tables.projections });

export const handler = createPublisherHandler({
  eventBridge: observability.tracer.captureAWSv3Client(new EventBridgeClient({})),
  eventBusName: config.eventBusName,
  source: config.source,
  responses: createDynamoDbEventStore({ client, eventsTable: tables.events, personalDataTable: tables.personalData }),
  projections,
  alerts: createDynamoDbAlertStore({ client, table: tables.projections, outboxTable: tables.outbox }),
  thresholds: config.thresholds,
  atRisk: { views: projections, threshold: projectionConfigFromEnv().riskThreshold },
  now: Date.now,
  ...observability,
});
