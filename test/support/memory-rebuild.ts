import type { StoredEvent } from '../../domain/events';
import type { EventLog } from '../../functions/shared/event-store';

/** A stable pseudo-hash of a response id: where a parallel scan would find it (its segment, its place). */
const placeOf = (responseId: string) => {
  let h = 2166136261;
  for (const c of responseId) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h;
};

/**
 * The event store as a parallel scan reads it, in memory: each response in one segment
 * (by a hash of its id), its events together in version order, pages of `pageSize`
 * events; `after` resumes just after an event, as `ExclusiveStartKey` does.
 */
export const memoryEventLog = (events: readonly StoredEvent[], pageSize = 37): EventLog => {
  const ordered = [...events].sort(
    (a, b) =>
      placeOf(a.responseId) - placeOf(b.responseId) ||
      (a.responseId < b.responseId ? -1 : a.responseId > b.responseId ? 1 : 0) ||
      a.version - b.version,
  );
  return {
    async *scanSegment({ segment, segments, after }) {
      const mine = ordered.filter((e) => placeOf(e.responseId) % segments === segment);
      const start = after
        ? mine.findIndex((e) => e.responseId === after.responseId && e.version === after.version) + 1
        : 0;
      for (let i = start; i < mine.length; i += pageSize) {
        await Promise.resolve();
        yield mine.slice(i, i + pageSize);
      }
    },
  };
};
