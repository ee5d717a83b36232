import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { DEFAULT_DYNAMODB_TIMEOUT_MS } from '../config';

export interface DynamoDbOptions {
  /** Endpoint override (DynamoDB Local); the SDK default otherwise. */
  endpoint?: string;
  region?: string;
  /** Attempts per call including the first (SDK retries with backoff in between). */
  maxAttempts?: number;
  /**
   * The time budget of a request that calls DynamoDB (NPS_DYNAMODB_TIMEOUT_MS, default
   * 3 s): each attempt gives up after half of it (so that one retry fits), a connection
   * after a third of it (at most 1 s).
   */
  timeoutMs?: number;
}

/**
 * A DynamoDB document client with short timeouts that throw (the SDK's request timeout
 * only logs unless told to throw), so that a stalled or unavailable table turns into a
 * quick 503 rather than a hung request. Local endpoints get dummy credentials.
 *
 * @example
 * const client = createDocumentClient({ endpoint: 'http://127.0.0.1:8000', timeoutMs: 3_000 });
 */
export const createDocumentClient = (options: DynamoDbOptions = {}): DynamoDBDocumentClient => {
  const timeoutMs = options.timeoutMs ?? DEFAULT_DYNAMODB_TIMEOUT_MS;
  const client = new DynamoDBClient({
    ...(options.endpoint
      ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
    maxAttempts: options.maxAttempts ?? 3,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: Math.min(1_000, Math.ceil(timeoutMs / 3)),
      requestTimeout: Math.ceil(timeoutMs / 2),
      throwOnRequestTimeout: true,
    }),
  });
  // convertClassInstanceToMap: a map with an own key named `constructor` (a segment dimension
  // is data, whatever its name) looks like a class instance to the marshaller, which refuses it
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
  });
};
