import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { NpsError } from '../shared/errors';

/** Most entries per `PutEvents` call. */
export const MAX_ENTRIES_PER_CALL = 10;
/** Most bytes of entries per call (256 KB), by EventBridge's entry-size formula. */
export const MAX_BYTES_PER_CALL = 256 * 1024;

const utf8Bytes = (text: string | undefined): number => (text ? Buffer.byteLength(text, 'utf8') : 0);

/**
 * The size EventBridge counts for an entry: 14 bytes if `Time` is set, plus the UTF-8
 * bytes of `Source`, `DetailType`, `Detail` and each of `Resources`.
 *
 * @example
 * entrySize({ Source: 'nps.backend', DetailType: 'X', Detail: '{}' }); // 14
 */
export const entrySize = (entry: PutEventsRequestEntry): number =>
  (entry.Time ? 14 : 0) +
  utf8Bytes(entry.Source) +
  utf8Bytes(entry.DetailType) +
  utf8Bytes(entry.Detail) +
  (entry.Resources ?? []).reduce((sum, resource) => sum + utf8Bytes(resource), 0);

/** An entry that can never be sent (over 256 KB on its own). */
export class OversizedEntryError extends NpsError {
  constructor(message: string) {
    super('oversized_event', message);
  }
}

/**
 * Packs entries, in order, into calls of at most 10 entries and 256 KB each.
 *
 * @example
 * packEntries(entries).map((call) => call.length); // e.g. [10, 10, 3]
 */
export const packEntries = <E extends PutEventsRequestEntry>(entries: E[]): E[][] => {
  const calls: E[][] = [];
  let current: E[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = entrySize(entry);
    if (size > MAX_BYTES_PER_CALL)
      throw new OversizedEntryError(
        `entry ${entry.DetailType} is ${size} bytes; EventBridge takes at most ${MAX_BYTES_PER_CALL}`,
      );
    if (current.length === MAX_ENTRIES_PER_CALL || bytes + size > MAX_BYTES_PER_CALL) {
      calls.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length) calls.push(current);
  return calls;
};
