import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DependencyUnavailableError } from '../errors';
import { resendRemaining, UNPROCESSED_RETRY } from '../retry';
import { guardDependency } from './failures';

type Item = Record<string, unknown>;
/** A `PutRequest` or `DeleteRequest` of a batch write. */
export type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } };

/** DynamoDB's limits per call. */
const MAX_GET_KEYS = 100;
const MAX_WRITE_REQUESTS = 25;

/** Sends `pending` until nothing is left unprocessed (`UNPROCESSED_RETRY`); 503 when some still is. */
const untilProcessed = async <T>(
  pending: T[],
  sendRound: (batch: T[]) => Promise<T[] | undefined>,
  what: string,
): Promise<void> => {
  const left = await resendRemaining(pending, async (batch) => (await sendRound(batch)) ?? [], {
    policy: UNPROCESSED_RETRY,
  });
  if (left.length) throw new DependencyUnavailableError(`${left.length} ${what} still unprocessed after retries`);
};

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * Reads any number of items by key with `BatchGetItem` (100 keys a call), resending
 * unprocessed keys with backoff. Missing items are left out; order is not kept.
 *
 * @example
 * const items = await batchGetAll(client, { table, keys: [{ pk: 'a', sk: '1' }], consistentRead: true });
 */
export const batchGetAll = async (
  client: DynamoDBDocumentClient,
  { table, keys, consistentRead = false }: { table: string; keys: Item[]; consistentRead?: boolean },
): Promise<Item[]> => {
  const items: Item[] = [];
  for (const chunk of chunks(keys, MAX_GET_KEYS)) {
    await untilProcessed(
      chunk,
      async (batch) => {
        const result = await guardDependency(() =>
          client.send(
            new BatchGetCommand({ RequestItems: { [table]: { Keys: batch, ConsistentRead: consistentRead } } }),
          ),
        );
        items.push(...(result.Responses?.[table] ?? []));
        return result.UnprocessedKeys?.[table]?.Keys;
      },
      'keys',
    );
  }
  return items;
};

/**
 * Writes any number of puts and deletes with `BatchWriteItem` (25 a call), resending
 * unprocessed items with backoff. Not atomic, and without conditions.
 *
 * @example
 * await batchWriteAll(client, { table, requests: keys.map((Key) => ({ DeleteRequest: { Key } })) });
 */
export const batchWriteAll = async (
  client: DynamoDBDocumentClient,
  { table, requests }: { table: string; requests: WriteRequest[] },
) => {
  for (const chunk of chunks(requests, MAX_WRITE_REQUESTS)) {
    await untilProcessed(
      chunk,
      async (batch) => {
        const result = await guardDependency(() =>
          client.send(new BatchWriteCommand({ RequestItems: { [table]: batch } })),
        );
        return result.UnprocessedItems?.[table] as WriteRequest[] | undefined;
      },
      'items',
    );
  }
};
