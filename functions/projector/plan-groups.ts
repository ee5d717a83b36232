import { createHash } from 'node:crypto';
import { type CounterDelta, catalogOf, createCounterFold } from '../../domain/projection';
import type { Combination } from '../../domain/segments';
import { createTermFold, type TermDelta } from '../../domain/term-counts';
import type { WriteGroup } from '../shared/projection-store';
import type { Transition } from './transitions';

/** One item a group writes: a counter delta, a catalogue entry or a term item's change. */
export type PlannedItem =
  | { id: string; counter: CounterDelta }
  | { id: string; dimension: string; values: string[] }
  | { id: string; terms: TermDelta };

/**
 * DynamoDB's transaction limit, and the bookkeeping items a group may hold besides its
 * counters: group 0 the definition, meta check and journal; later groups their marker;
 * the last group also the outbox entry.
 */
const TRANSACTION_ITEMS = 100;
const FIRST_GROUP_CAPACITY = TRANSACTION_ITEMS - 4;
const LATER_GROUP_CAPACITY = TRANSACTION_ITEMS - 2;
/**
 * Term items per transaction: each is written whole (pruned to ~100 KB, up to ~150 KB
 * of UTF-8), and a transaction carries at most 4 MB.
 */
const TERM_ITEMS_PER_GROUP = 24;

/** Splits items (sorted by id) into transactions: at most the capacity, and at most TERM_ITEMS_PER_GROUP term items each. */
const split = (items: PlannedItem[]): PlannedItem[][] => {
  const groups: PlannedItem[][] = [[]];
  let termItems = 0;
  for (const item of items) {
    const isTerm = 'terms' in item;
    const capacity = groups.length === 1 ? FIRST_GROUP_CAPACITY : LATER_GROUP_CAPACITY;
    if (groups.at(-1)!.length === capacity || (isTerm && termItems === TERM_ITEMS_PER_GROUP)) {
      groups.push([]);
      termItems = 0;
    }
    groups.at(-1)!.push(item);
    termItems += Number(isTerm);
  }
  return groups;
};

const byId = (a: PlannedItem, b: PlannedItem) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Coalesces a chunk's transitions into one write per distinct item and splits them,
 * sorted by item id, into transaction-sized groups. A pure function of the chunk's
 * events and prior states: a later completion of the chunk splits it identically.
 *
 * @example
 * const { groups, planHash } = planGroups(transitions, [['plan', 'region']]);
 */
export const planGroups = (transitions: Transition[], combinations: readonly Combination[]) => {
  const fold = createCounterFold(combinations);
  const termFold = createTermFold(combinations);
  for (const { before, after, cells } of transitions) {
    fold.add(before, after, cells);
    termFold.add(before, after);
  }
  const catalog = [...catalogOf(transitions.map((t) => t.after))];
  const items: PlannedItem[] = [
    ...fold.deltas().map((counter) => ({ id: `c|${counter.id}`, counter })),
    ...catalog.map(([dimension, values]) => ({ id: `d|${dimension}`, dimension, values: [...values].sort() })),
    ...termFold.deltas().map((terms) => ({ id: `t|${terms.id}`, terms })),
  ].sort(byId);
  const groups = split(items);
  const planHash = createHash('sha256')
    .update(items.map((item) => item.id).join('\n'))
    .digest('base64url')
    .slice(0, 16);
  return { groups, planHash };
};

/** The counters, catalogue entries and term changes of one planned group. */
export const groupContents = (items: PlannedItem[]): WriteGroup => ({
  counters: items.flatMap((item) => ('counter' in item ? [item.counter] : [])),
  terms: items.flatMap((item) => ('terms' in item ? [item.terms] : [])),
  catalog: Object.fromEntries(items.flatMap((item) => ('dimension' in item ? [[item.dimension, item.values]] : []))) as Record<
    string,
    string[]
  >,
});
