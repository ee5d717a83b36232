import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { DependencyUnavailableError } from './errors';

export interface DynamoDbOptions {
  /** Endpoint override (DynamoDB Local); the SDK default otherwise. */
  endpoint?: string;
  region?: string;
  /** Attempts per call including the first (SDK retries with backoff in between). */
  maxAttempts?: number;
}

/**
 * A DynamoDB document client with short timeouts, so that an unavailable table turns
 * into a quick 503 rather than a hung request. Local endpoints get dummy credentials.
 */
export const createDocumentClient = (options: DynamoDbOptions = {}): DynamoDBDocumentClient => {
  const client = new DynamoDBClient({
    ...(options.endpoint ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
    maxAttempts: options.maxAttempts ?? 3,
    requestHandler: new NodeHttpHandler({ connectionTimeout: 1_000, requestTimeout: 5_000 }),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
};

const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionInProgressException',
  'LimitExceededException',
]);

/**
 * True when an SDK error means "the dependency is unavailable right now" (network,
 * timeout, throttling, 5xx): the caller should answer 503 and the client retry.
 */
export const isUnavailable = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  if (THROTTLING.has(error.name)) return true;
  // Only SDK errors carry $metadata; a network error has no HTTP status at all.
  if (!('$metadata' in error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status === undefined || status >= 500;
};

/**
 * Runs a DynamoDB call and turns unavailability into `DependencyUnavailableError`;
 * every other error (a bug, a broken invariant) passes through unchanged.
 */
export const guardDependency = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    if (error instanceof DependencyUnavailableError || !isUnavailable(error)) throw error;
    throw new DependencyUnavailableError('DynamoDB is unavailable', { cause: error });
  }
};
