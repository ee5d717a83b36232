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
  | { id: string; respondent: RespondentChange; alone: boolean };

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

/**
 * How a plan weighs respondent changes. Now: a view's put each, and once per group the
 * aggregate items live traffic touches (a day and a month, a few more for late arrivals);
 * a group whose changes touch more writes some of them ahead (`writeGroup`, `group-transaction.ts`).
 * Until 2026-12: the worst case, 8 aggregate items per changed response. Chunks planned
 * then (their markers live two days) complete with the weights they were planned with.
 */
export type RespondentWeights = 'reserve' | 'worst-case';

/**
 * Aggregate items (`domain/respondents/aggregates.ts`) one changed response of a
 * respondent may change: the days of its pair and of its old and new successors' (3),
 * and the months of the examples around it (5).
 */
const AGGREGATE_ITEMS_PER_RESPONSE = 8;
/** Aggregate items a group with respondent changes reserves room for. */
const AGGREGATE_ITEMS_PER_GROUP = 10;
/** Responses of one respondent changed per transaction: 1 + 8 × 10 items (and the group's guards) fit one. */
const RESPONDENT_RESPONSES_PER_GROUP = 10;

/** Transaction items an item takes in a group that already holds respondent changes or not. */
const weightOf = (item: PlannedItem, weights: RespondentWeights, groupHasRespondents: boolean) => {
  if (!('respondent' in item)) return 1;
  if (weights === 'reserve') return groupHasRespondents ? 1 : 1 + AGGREGATE_ITEMS_PER_GROUP;
  return item.alone
    ? FIRST_GROUP_CAPACITY
    : 1 + AGGREGATE_ITEMS_PER_RESPONSE * (item.respondent.set.length + item.respondent.remove.length);
};

/** Whether a part of a person's erasure meets another respondent change in a group: each part goes alone. */
const meetsErasurePart = (item: PlannedItem, group: PlannedItem[]) =>
  'respondent' in item &&
  (item.alone ? group.some((other) => 'respondent' in other) : group.some((other) => 'respondent' in other && other.alone));

/** Splits items (sorted by id) into transactions: within the capacity, at most TERM_ITEMS_PER_GROUP term items, a part of a person's erasure alone. */
const split = (items: PlannedItem[], weights: RespondentWeights): PlannedItem[][] => {
  const groups: PlannedItem[][] = [[]];
  let [used, termItems, respondents] = [0, 0, false];
  for (const item of items) {
    const capacity = groups.length === 1 ? FIRST_GROUP_CAPACITY : LATER_GROUP_CAPACITY;
    const group = groups.at(-1)!;
    const full =
      used + weightOf(item, weights, respondents) > capacity ||
      ('terms' in item && termItems === TERM_ITEMS_PER_GROUP) ||
      (weights === 'reserve' && meetsErasurePart(item, group));
    if (full && group.length) {
      groups.push([]);
      [used, termItems, respondents] = [0, 0, false];
    }
    groups.at(-1)!.push(item);
    used += weightOf(item, weights, respondents);
    termItems += Number('terms' in item);
    respondents ||= 'respondent' in item;
  }
  return groups;
};

/**
 * A respondent's change as planned items: one, or for a change of more responses than a
 * transaction can hold (a person's erasure), parts applied one after the other, each
 * alone in its group (`r|<key>|<part>`, so that they sort in order).
 */
const respondentItems = (change: RespondentChange): PlannedItem[] => {
  const responses = [...change.set.map((r) => ({ set: r })), ...change.remove.map((id) => ({ remove: id }))];
  const parts: PlannedItem[] = [];
  const alone = responses.length > RESPONDENT_RESPONSES_PER_GROUP;
  for (let start = 0; start < responses.length; start += RESPONDENT_RESPONSES_PER_GROUP) {
    const part = responses.slice(start, start + RESPONDENT_RESPONSES_PER_GROUP);
    const respondent: RespondentChange = {
      key: change.key,
      ...(change.respondentId !== undefined ? { respondentId: change.respondentId } : {}),
      set: part.flatMap((p) => ('set' in p ? [p.set] : [])),
      remove: part.flatMap((p) => ('remove' in p ? [p.remove] : [])),
    };
    parts.push({ id: `r|${change.key}|${String(parts.length).padStart(6, '0')}`, respondent, alone });
  }
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
export const planGroups = (transitions: Transition[], combinations: readonly Combination[], weights: RespondentWeights = 'reserve') => {
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
  const groups = split(items, weights);
  // where the groups split is part of the plan too (chunks planned worst-case hashed their items alone)
  const planned = weights === 'worst-case' ? items.map((item) => item.id) : groups.map((group) => group.map((item) => item.id).join('\n'));
  const planHash = createHash('sha256')
    .update(planned.join(weights === 'worst-case' ? '\n' : '\n|\n'))
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
