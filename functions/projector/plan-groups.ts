import { createHash } from 'node:crypto';
import { type CounterDelta, catalogOf, createCounterFold } from '../../domain/projection';
import type { Combination } from '../../domain/segments';
import type { WriteGroup } from '../shared/projection-store';
import type { Transition } from './transitions';

/** One item a group writes: a counter delta or a catalogue entry. */
export type PlannedItem = { id: string; counter: CounterDelta } | { id: string; dimension: string; values: string[] };

/**
 * DynamoDB's transaction limit, and the bookkeeping items a group may hold besides its
 * counters: group 0 the definition, meta check and journal; later groups their marker;
 * the last group also the outbox entry.
 */
const TRANSACTION_ITEMS = 100;
const FIRST_GROUP_CAPACITY = TRANSACTION_ITEMS - 4;
const LATER_GROUP_CAPACITY = TRANSACTION_ITEMS - 2;

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
  for (const { before, after, cells } of transitions) fold.add(before, after, cells);
  const catalog = [...catalogOf(transitions.map((t) => t.after))];
  const items: PlannedItem[] = [
    ...fold.deltas().map((counter) => ({ id: `c|${counter.id}`, counter })),
    ...catalog.map(([dimension, values]) => ({ id: `d|${dimension}`, dimension, values: [...values].sort() })),
  ].sort(byId);
  const groups: PlannedItem[][] = [items.slice(0, FIRST_GROUP_CAPACITY)];
  for (let i = FIRST_GROUP_CAPACITY; i < items.length; i += LATER_GROUP_CAPACITY) groups.push(items.slice(i, i + LATER_GROUP_CAPACITY));
  const planHash = createHash('sha256')
    .update(items.map((item) => item.id).join('\n'))
    .digest('base64url')
    .slice(0, 16);
  return { groups, planHash };
};

/** The counters and catalogue entries of one planned group. */
export const groupContents = (items: PlannedItem[]): WriteGroup => ({
  counters: items.flatMap((item) => ('counter' in item ? [item.counter] : [])),
  catalog: Object.fromEntries(items.flatMap((item) => ('dimension' in item ? [[item.dimension, item.values]] : []))) as Record<
    string,
    string[]
  >,
});
