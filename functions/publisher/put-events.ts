import { type EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { packEntries } from './pack';

export interface PublishOptions {
  /** Rounds of sending (the first included) before entries count as failed. */
  maxAttempts?: number;
  /** Backoff between rounds (default: 100 ms × 2^round, jittered). */
  sleep?: (ms: number) => Promise<void>;
}

export interface PublishReport<E> {
  /** Entries EventBridge never accepted. */
  failed: E[];
  calls: number;
  resent: number;
}

/**
 * Sends entries with `PutEvents`, packed within EventBridge's limits. A call answers 200
 * even when some entries failed (`FailedEntryCount`, `Entries[i].ErrorCode`): exactly
 * those entries are resent, with backoff, as is every entry of a call that failed as a
 * whole (throttling, network). What still fails after the last round is returned.
 *
 * @example
 * const { failed } = await publishEntries(client, entries);
 * if (failed.length) throw new Error('retry the batch');
 */
export const publishEntries = async <E extends PutEventsRequestEntry>(
  client: EventBridgeClient,
  entries: E[],
  { maxAttempts = 5, sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)) }: PublishOptions = {},
): Promise<PublishReport<E>> => {
  let pending = entries;
  let calls = 0;
  let resent = 0;
  for (let attempt = 0; attempt < maxAttempts && pending.length; attempt++) {
    if (attempt > 0) {
      resent += pending.length;
      await sleep(100 * 2 ** (attempt - 1) * (0.5 + Math.random()));
    }
    const failed: E[] = [];
    for (const call of packEntries(pending)) {
      calls++;
      try {
        const result = await client.send(new PutEventsCommand({ Entries: call }));
        if (!result.FailedEntryCount) continue;
        (result.Entries ?? []).forEach((outcome, i) => {
          if (outcome.ErrorCode) failed.push(call[i]!);
        });
      } catch {
        failed.push(...call);
      }
    }
    pending = failed;
  }
  return { failed: pending, calls, resent };
};
