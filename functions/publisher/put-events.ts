import { type EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { isTransientAwsError } from '../shared/aws-errors';
import { NpsError } from '../shared/errors';
import { PUBLISH_RETRY, resendRemaining } from '../shared/retry';
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
  { maxAttempts = PUBLISH_RETRY.attempts, sleep }: PublishOptions = {},
): Promise<PublishReport<E>> => {
  let [calls, resent, round] = [0, 0, 0];
  const sendRound = async (pending: E[]) => {
    if (round++ > 0) resent += pending.length;
    const failed: E[] = [];
    for (const call of packEntries(pending)) {
      calls++;
      failed.push(...(await sendCall(client, call)));
    }
    return failed;
  };
  const policy = { ...PUBLISH_RETRY, attempts: maxAttempts };
  const failed = await resendRemaining(entries, sendRound, { policy, ...(sleep ? { sleep } : {}) });
  return { failed, calls, resent };
};
