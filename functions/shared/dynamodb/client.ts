import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';

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
