import type { Category } from '../../../domain/score';
import { type Day, monthEnd, monthOf, monthStart, nextMonth } from '../../../domain/time';
import type { ItemKey } from '../../projection-engine/projection';
import type { ProjectionStore } from '../../projection-engine/store';
import { type ListedResponse, listedOf } from './item';
import { RESPONSE_MODEL } from './keys';

/** A walk of the index over a range of `submittedAt` days, in order, from a position. */
export interface RangeWalk {
  generation: number;
  from: Day;
  to: Day;
  categories: readonly Category[];
  newestFirst: boolean;
  /** Resume strictly after this position (before it, newest first): a sort key or a month's edge. */
  after?: string;
  /** Responses wanted. */
  limit: number;
  /** Most index items one walk reads: it stops there with a position to resume from. */
  budget: number;
  accept: (listed: ListedResponse) => boolean;
}

export interface WalkResult {
  items: ListedResponse[];
  /** Where the next page resumes; undefined when nothing is left. */
  next: string | undefined;
  itemsRead: number;
}

/** True for a position at a month's edge (the walk finished that month): a bare day, or a day and `~`. */
const isEdge = (position: string) => position.length === 10 || position.endsWith('~');

/** The months a range meets, in walking order, from the one a position falls in (after it, at its edge). */
const monthsOf = ({ from, to, newestFirst, after }: Pick<RangeWalk, 'from' | 'to' | 'newestFirst' | 'after'>) => {
  const months: string[] = [];
  for (let month = monthOf(from); month <= monthOf(to); month = nextMonth(month)) months.push(month);
  const ordered = newestFirst ? months.reverse() : months;
  if (after === undefined) return ordered;
  const resume = monthOf(after.slice(0, 10));
  const still = (m: string) => (newestFirst ? m < resume : m > resume) || (m === resume && !isEdge(after));
  return ordered.filter(still);
};

/** The first and last day of a month within a range. */
const firstDay = (month: string, from: Day) => [from, monthStart(month)].sort()[1]!;
const lastDay = (month: string, to: Day) => [to, monthEnd(month)].sort()[0]!;

/** Sort keys are `submittedAt#responseId`: a day's bounds (`~` sorts after every instant of it). */
const lowest = (day: Day) => day;
const highest = (day: Day) => `${day}~`;

/** One category partition of one month, read a page at a time. */
interface Lane {
  partition: string;
  buffer: { sort: string; listed: ListedResponse }[];
  after: string | undefined;
  done: boolean;
  /** Items its next read asks for: a share of the page at first, doubling while the merge keeps taking from it. */
  size: number;
}

type Walk = RangeWalk & { read: number; requests: number };

/** Most queries one walk sends (empty months cost a query each even when they read nothing). */
const MAX_QUERIES = 120;

const refill = async (store: ProjectionStore, walk: Walk, lane: Lane, bounds: { from: string; to: string }) => {
  const limit = Math.max(1, Math.min(walk.budget - walk.read, lane.size));
  lane.size = Math.min(2 * lane.size, walk.limit + 1);
  const page = await store.readDocumentPage(walk.generation, {
    model: RESPONSE_MODEL,
    partition: lane.partition,
    ...bounds,
    limit,
    descending: walk.newestFirst,
    ...(lane.after !== undefined ? { after: lane.after } : {}),
  });
  walk.read += page.itemsRead;
  walk.requests++;
  lane.buffer.push(
    ...page.value.documents.map(({ sort, document }) => ({ sort, listed: listedOf(document.attributes) })),
  );
  lane.after = page.value.documents.at(-1)?.sort ?? lane.after;
  lane.done = !page.value.more;
};

/** The lane whose next item comes first in walking order. */
const headOf = (lanes: Lane[], newestFirst: boolean) =>
  lanes
    .filter((lane) => lane.buffer.length)
    .reduce<Lane | undefined>((best, lane) => {
      if (!best) return lane;
      const [a, b] = [lane.buffer[0]!.sort, best.buffer[0]!.sort];
      return (newestFirst ? a > b : a < b) ? lane : best;
    }, undefined);

/** The lanes of a month (one per category partition), resuming after a position inside that month. */
const lanesOf = (walk: Walk, month: string): Lane[] => {
  const inMonth = walk.after !== undefined && monthOf(walk.after.slice(0, 10)) === month ? walk.after : undefined;
  // a page's worth shared by the lanes (and one more each, to know whether a lane goes on)
  const size = Math.ceil(walk.limit / walk.categories.length) + 1;
  return walk.categories.map((c) => ({ partition: `${month}#${c}`, buffer: [], after: inMonth, done: false, size }));
};

/** Refills the lanes that ran dry; false when the walk is out of budget first. */
const refillDry = async (store: ProjectionStore, walk: Walk, lanes: Lane[], bounds: { from: string; to: string }) => {
  for (const lane of lanes.filter((l) => !l.buffer.length && !l.done)) {
    if (walk.read >= walk.budget || walk.requests >= MAX_QUERIES) return false;
    await refill(store, walk, lane, bounds);
  }
  return true;
};

/** Takes the next response of the merge into a page; false once the page is full. */
const take = (walk: Walk, { sort, listed }: Lane['buffer'][number], result: WalkResult) => {
  // a response amended to another category during the walk may show in both partitions for a moment: once is enough
  if (sort === result.next) return true;
  result.next = sort;
  if (walk.accept(listed)) result.items.push(listed);
  return result.items.length < walk.limit;
};

/** Walks one month's partitions merged in order; answers false once the walk must stop (full, or out of budget). */
const walkMonth = async (store: ProjectionStore, walk: Walk, month: string, result: WalkResult): Promise<boolean> => {
  const bounds = { from: lowest(firstDay(month, walk.from)), to: highest(lastDay(month, walk.to)) };
  const lanes = lanesOf(walk, month);
  for (;;) {
    if (!(await refillDry(store, walk, lanes, bounds))) return false;
    const head = headOf(lanes, walk.newestFirst);
    if (!head) return true;
    if (!take(walk, head.buffer.shift()!, result)) return false;
  }
};

/**
 * The responses of a range that `accept` keeps, in order of `submittedAt` then id (newest
 * first when asked), from a position: each month's category partitions are read a page at
 * a time and merged, so that at most `budget` index items (and a bounded number of
 * queries) are read whatever the range and however selective the filter. A page may hold
 * fewer than `limit` responses, even none, with a position to resume from.
 *
 * @example
 * const page = await walkResponses(store, { generation: 1, from, to, categories: ['detractor'], newestFirst: false,
 *   limit: 100, budget: 1_020, accept: () => true });
 */
export const walkResponses = async (store: ProjectionStore, range: RangeWalk): Promise<WalkResult> => {
  const walk: Walk = { ...range, read: 0, requests: 0 };
  const result: WalkResult = { items: [], next: range.after, itemsRead: 0 };
  for (const month of monthsOf(range)) {
    const going = await walkMonth(store, walk, month, result);
    result.itemsRead = walk.read;
    if (!going) return result;
    // the month is done: resume after its edge
    result.next = range.newestFirst ? lowest(firstDay(month, range.from)) : highest(lastDay(month, range.to));
    walk.after = result.next;
  }
  return { ...result, next: undefined };
};

/**
 * The listed state of some responses by their index keys (absent ones left out), in the
 * order asked.
 *
 * @example
 * const { value } = await readListed(store, 1, view.responses.map(liveKeyOf));
 */
export const readListed = async (store: ProjectionStore, generation: number, keys: ItemKey[]) => {
  const read = await store.readDocuments(generation, keys);
  return {
    value: read.value.filter((d) => d.version > 0).map((d) => listedOf(d.attributes)),
    itemsRead: read.itemsRead,
  };
};

/**
 * A page of the change feed: every response changed after a position (`updatedAt#responseId`),
 * in change order, erased ones as tombstones. Eventually consistent (an index).
 *
 * @example
 * const { items, next } = await readChanges(store, 1, { after: '2026-11-30T00:00:00.000Z', limit: 100 });
 */
export const readChanges = async (
  store: ProjectionStore,
  generation: number,
  { after, limit }: { after: string; limit: number },
): Promise<WalkResult> => {
  const read = await store.listDocuments(generation, RESPONSE_MODEL, { after, limit });
  const { documents, exhausted } = read.value;
  return {
    items: documents.map(({ document }) => listedOf(document.attributes)),
    next: exhausted ? undefined : (documents.at(-1)?.listKey ?? after),
    itemsRead: read.itemsRead,
  };
};
