/**
 * The latest `keep` entries of an append-only log, each with an id, in order; older
 * entries are dropped as new ones come, so its memory stays flat however long it runs.
 *
 * @example
 * const log = createBoundedLog<BusEvent>(10_000);
 * log.push(event.id, event);
 * log.page({ after: lastSeenId, limit: 1_000 }); // { entries, next? }
 */
export const createBoundedLog = <T>(keep: number) => {
  /** Entries by sequence number; sequence numbers of retained entries are firstSeq…nextSeq − 1. */
  const entries = new Map<number, T>();
  const sequenceOf = new Map<string, number>();
  const idOf = new Map<number, string>();
  let firstSeq = 0;
  let nextSeq = 0;

  const push = (id: string, entry: T) => {
    entries.set(nextSeq, entry);
    sequenceOf.set(id, nextSeq);
    idOf.set(nextSeq, id);
    nextSeq++;
    while (nextSeq - firstSeq > keep) {
      entries.delete(firstSeq);
      sequenceOf.delete(idOf.get(firstSeq)!);
      idOf.delete(firstSeq);
      firstSeq++;
    }
  };

  /**
   * Where a page after `after` starts: the oldest retained entry when absent; undefined when `after` is not retained.
   */
  const startAfter = (after: string | undefined): number | undefined => {
    if (after === undefined) return firstSeq;
    const seq = sequenceOf.get(after);
    return seq === undefined ? undefined : seq + 1;
  };

  /**
   * Entries after the one with id `after` (from the oldest retained when absent) that
   * match `filter`, at most `limit`; `next` is the id to ask after when more follow.
   * Undefined when `after` is not (or no longer) in the log.
   */
  const page = ({
    after,
    limit,
    filter = () => true,
  }: {
    after?: string;
    limit: number;
    filter?: (entry: T) => boolean;
  }) => {
    const start = startAfter(after);
    if (start === undefined) return undefined;
    const matching: number[] = [];
    for (let seq = start; seq < nextSeq && matching.length <= limit; seq++)
      if (filter(entries.get(seq)!)) matching.push(seq);
    const shown = matching.slice(0, limit);
    return {
      entries: shown.map((seq) => entries.get(seq)!),
      next: matching.length > limit ? idOf.get(shown.at(-1)!) : undefined,
    };
  };

  /** Replaces every retained entry by what `change` makes of it (the same entry when nothing changes). */
  const rewrite = (change: (entry: T) => T) => {
    for (const [seq, entry] of entries) entries.set(seq, change(entry));
  };

  return { push, page, rewrite, size: () => entries.size, all: () => [...entries.values()] };
};

export type BoundedLog<T> = ReturnType<typeof createBoundedLog<T>>;
