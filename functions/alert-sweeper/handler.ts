import { createDynamoDbAlertStore } from '../shared/alerts/dynamodb-alert-store';
import { publisherConfigFromEnv } from '../shared/config';
import { createDocumentClient } from '../shared/dynamodb';
import { createDynamoDbProjectionStore } from '../shared/dynamodb-projection-store';
import { tableNamesFromEnv, timeoutMsFromEnv } from '../shared/environment';
import { lambdaObservability } from '../shared/lambda-observability';
import { createAlertSweeperHandler } from './app';

const observability = lambdaObservability('nps-alert-sweeper');
const tables = tableNamesFromEnv();
const client = observability.tracer.captureAWSv3Client(createDocumentClient({ timeoutMs: timeoutMsFromEnv() }));

export const handler = createAlertSweeperHandler({
  projections: createDynamoDbProjectionStore({ client, table: tables.projections }),
  alerts: createDynamoDbAlertStore({ client, table: tables.projections, outboxTable: tables.outbox }),
  thresholds: publisherConfigFromEnv().thresholds,
  now: Date.now,
  ...observability,
});
