import {
  type DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ContentionError } from '../errors';
import { CONTENTION_RETRY, type RetryPolicy, retry } from '../retry';
import { cancellationReasons, guardDependency, isConditionFailure, isTransientCancellation } from './failures';

/** One item of a transaction (Put, Update, Delete or ConditionCheck). */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** What an atomic write did: written, or refused because a condition failed (reason codes in item order). */
export type WriteOutcome = { written: true } | { written: false; reasons: string[] };

const send = async (
  client: DynamoDBDocumentClient,
  items: TransactItem[],
  token: string | undefined,
): Promise<void> => {
  const single = items.length === 1 && !token ? items[0]!.Put : undefined;
  if (single) await guardDependency(() => client.send(new PutCommand(single)));
  else
    await guardDependency(() =>
      client.send(new TransactWriteCommand({ TransactItems: items, ...(token ? { ClientRequestToken: token } : {}) })),
    );
};

/**
 * Writes items atomically: a single conditional put as a `PutItem`, anything else as one
 * `TransactWriteItems` (with `token` as its idempotency token, when given). Contention
 * and throttling cancellations are retried by `CONTENTION_RETRY`; a failed condition is
 * an answer, not an error.
 *
 * @example
 * const outcome = await writeAtomically(client, [putEvent, putPersonalData]);
 * if (!outcome.written) return 'exists';
 */
export const writeAtomically = async (
  client: DynamoDBDocumentClient,
  items: TransactItem[],
  options: { token?: string; policy?: RetryPolicy } = {},
): Promise<WriteOutcome> => {
  try {
    await retry(() => send(client, items, options.token), {
      policy: options.policy ?? CONTENTION_RETRY,
      retryable: isTransientCancellation,
      exhausted: (error) =>
        new ContentionError(`transaction still cancelled after retries: ${cancellationReasons(error).join(',')}`, {
          cause: error,
        }),
    });
    return { written: true };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const reasons = cancellationReasons(error);
    return { written: false, reasons: reasons.length ? reasons : ['ConditionalCheckFailed'] };
  }
};
