import { type EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { isTransientAwsError } from '../shared/aws-errors';
import { NpsError } from '../shared/errors';
import { backoffDelay, type RetryPolicy, sleep as realSleep } from '../shared/retry';
import { packEntries } from './pack';

export interface PublishOptions {
  /** Rounds of sending (the first included) before entries count as failed. */
  maxAttempts?: number;
  /** How to wait between rounds (tests pass a no-op). */
  sleep?: (ms: number) => Promise<void>;
}

export interface PublishReport<E> {
  /** Entries EventBridge never accepted. */
  failed: E[];
  calls: number;
  resent: number;
}

/** EventBridge refused a call for a reason retrying does not cure (access denied, a missing bus, validation). */
export class PublishRefusedError extends NpsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('publish_refused', message, options);
  }
}

/** Backoff between rounds: a random wait up to 200 ms, 400 ms, 800 ms …, at most 5 s. */
const ROUND_BACKOFF: RetryPolicy = { attempts: 5, baseDelayMs: 200, maxDelayMs: 5_000 };

/** Sends one call; answers the entries to send again (failed entries, or all of a call that failed as a whole). */
const sendCall = async <E extends PutEventsRequestEntry>(client: EventBridgeClient, call: E[]): Promise<E[]> => {
  try {
    const result = await client.send(new PutEventsCommand({ Entries: call }));
    if (!result.FailedEntryCount) return [];
    return call.filter((_, i) => result.Entries?.[i]?.ErrorCode);
  } catch (error) {
    if (!isTransientAwsError(error))
      throw new PublishRefusedError(`EventBridge refused PutEvents: ${(error as Error).name}`, { cause: error });
    return call;
  }
};

/**
 * Sends entries with `PutEvents`, packed within EventBridge's limits. A call answers 200
 * even when some entries failed (`FailedEntryCount`, `Entries[i].ErrorCode`): exactly
 * those entries are resent, with backoff, as is every entry of a call that failed as a
 * whole for a transient reason (throttling, network, 5xx). A refusal that retrying does
 * not cure (access denied…) throws `PublishRefusedError` at once. What still fails after
 * the last round is returned.
 *
 * @example
 * const { failed } = await publishEntries(client, entries);
 * if (failed.length) throw new DependencyUnavailableError('retry the batch');
 */
export const publishEntries = async <E extends PutEventsRequestEntry>(
  client: EventBridgeClient,
  entries: E[],
  { maxAttempts = ROUND_BACKOFF.attempts, sleep = realSleep }: PublishOptions = {},
): Promise<PublishReport<E>> => {
  let pending = entries;
  let calls = 0;
  let resent = 0;
  for (let attempt = 0; attempt < maxAttempts && pending.length; attempt++) {
    if (attempt > 0) {
      resent += pending.length;
      await sleep(backoffDelay(attempt - 1, ROUND_BACKOFF));
    }
    const failed: E[] = [];
    for (const call of packEntries(pending)) {
      calls++;
      failed.push(...(await sendCall(client, call)));
    }
    pending = failed;
  }
  return { failed: pending, calls, resent };
};
