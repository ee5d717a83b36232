import { TABLE_NAME_ENV, type TableNames } from '../../infra/tables';
import { DEFAULT_DYNAMODB_TIMEOUT_MS, dynamoDbTimeoutFromEnv } from './config';

/** A required environment variable; a missing one is a deployment error, reported at init. */
export const requiredEnv = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
};

/** The table names the deployed stack passes to a function. */
export const tableNamesFromEnv = (): TableNames => ({
  events: requiredEnv(TABLE_NAME_ENV.events),
  personalData: requiredEnv(TABLE_NAME_ENV.personalData),
  projections: requiredEnv(TABLE_NAME_ENV.projections),
  outbox: requiredEnv(TABLE_NAME_ENV.outbox),
});

/**
 * The time budget of a deployed function's requests (NPS_DYNAMODB_TIMEOUT_MS): its DynamoDB client's timeouts and, for
 * the HTTP API, its 503 deadline.
 */
export const timeoutMsFromEnv = (): number => dynamoDbTimeoutFromEnv() ?? DEFAULT_DYNAMODB_TIMEOUT_MS;
