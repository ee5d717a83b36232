import { createHash } from 'node:crypto';
import { type CounterDelta, catalogOf, createCounterFold } from '../../domain/projection';
import { createRespondentFold, type RespondentChange } from '../../domain/respondents/changes';
import type { Combination } from '../../domain/segments';
import { createTermFold, type TermDelta } from '../../domain/term-counts';
import type { WriteGroup } from '../shared/projection-store';
import type { Transition } from './transitions';

/** One item a group writes: a counter delta, a catalogue entry or a term item's change. */
export type PlannedItem =
  | { id: string; counter: CounterDelta }
  | { id: string; dimension: string; values: string[] }
  | { id: string; terms: TermDelta }
  | { id: string; respondent: RespondentChange; weight: number };

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

/** Transaction items an item may take: one, or for a respondent change its view and the aggregate items it may change. */
const weightOf = (item: PlannedItem) => ('respondent' in item ? item.weight : 1);

/** Splits items (sorted by id) into transactions: at most the capacity, and at most TERM_ITEMS_PER_GROUP term items each. */
const split = (items: PlannedItem[]): PlannedItem[][] => {
  const groups: PlannedItem[][] = [[]];
  let termItems = 0;
  let used = 0;
  for (const item of items) {
    const isTerm = 'terms' in item;
    const capacity = groups.length === 1 ? FIRST_GROUP_CAPACITY : LATER_GROUP_CAPACITY;
    if (used + weightOf(item) > capacity || (isTerm && termItems === TERM_ITEMS_PER_GROUP)) {
      groups.push([]);
      termItems = 0;
      used = 0;
    }
    groups.at(-1)!.push(item);
    termItems += Number(isTerm);
    used += weightOf(item);
  }
  return groups;
};

/**
 * Aggregate items (`domain/respondents/aggregates.ts`) one changed response of a
 * respondent may change: the days of its pair and of its old and new successors' (3),
 * and the months of the examples around it (5).
 */
const AGGREGATE_ITEMS_PER_RESPONSE = 8;
/** Responses of one respondent changed per transaction: 1 + 8 × 10 items fit one group. */
const RESPONDENT_RESPONSES_PER_GROUP = 10;

/**
 * A respondent's change as planned items: one, or for a change of more responses than a
 * transaction can hold (a person's erasure), parts applied one after the other, each
 * alone in its group (`r|<key>|<part>`, so that they sort in order).
 */
const respondentItems = (change: RespondentChange): PlannedItem[] => {
  const responses = [...change.set.map((r) => ({ set: r })), ...change.remove.map((id) => ({ remove: id }))];
  const parts: PlannedItem[] = [];
  for (let start = 0; start < responses.length; start += RESPONDENT_RESPONSES_PER_GROUP) {
    const part = responses.slice(start, start + RESPONDENT_RESPONSES_PER_GROUP);
    const respondent: RespondentChange = {
      key: change.key,
      ...(change.respondentId !== undefined ? { respondentId: change.respondentId } : {}),
      set: part.flatMap((p) => ('set' in p ? [p.set] : [])),
      remove: part.flatMap((p) => ('remove' in p ? [p.remove] : [])),
    };
    parts.push({
      id: `r|${change.key}|${String(parts.length).padStart(6, '0')}`,
      respondent,
      weight: 1 + AGGREGATE_ITEMS_PER_RESPONSE * part.length,
    });
  }
  if (parts.length > 1) for (const part of parts) (part as { weight: number }).weight = FIRST_GROUP_CAPACITY;
  return parts;
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
  const respondentFold = createRespondentFold();
  for (const { before, after, cells } of transitions) {
    fold.add(before, after, cells);
    termFold.add(before, after);
    respondentFold.add(before, after);
  }
  const catalog = [...catalogOf(transitions.map((t) => t.after))];
  const items: PlannedItem[] = [
    ...fold.deltas().map((counter) => ({ id: `c|${counter.id}`, counter })),
    ...catalog.map(([dimension, values]) => ({ id: `d|${dimension}`, dimension, values: [...values].sort() })),
    ...termFold.deltas().map((terms) => ({ id: `t|${terms.id}`, terms })),
    ...respondentFold.changes().flatMap(respondentItems),
  ].sort(byId);
  const groups = split(items);
  const planHash = createHash('sha256')
    .update(items.map((item) => item.id).join('\n'))
    .digest('base64url')
    .slice(0, 16);
  return { groups, planHash };
};

/** The counters, catalogue entries, term and respondent changes of one planned group. */
export const groupContents = (items: PlannedItem[], respondentContext?: WriteGroup['respondentContext']): WriteGroup => ({
  ...(respondentContext && items.some((item) => 'respondent' in item) ? { respondentContext } : {}),
  counters: items.flatMap((item) => ('counter' in item ? [item.counter] : [])),
  terms: items.flatMap((item) => ('terms' in item ? [item.terms] : [])),
  respondents: items.flatMap((item) => ('respondent' in item ? [item.respondent] : [])),
  catalog: Object.fromEntries(items.flatMap((item) => ('dimension' in item ? [[item.dimension, item.values]] : []))) as Record<
    string,
    string[]
  >,
});
