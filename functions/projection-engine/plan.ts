import { createHash } from 'node:crypto';
import type { ChunkEntry } from '../shared/outbox';
import { changesOf, type PlannedChange, type Projection, type ProjectionContext, type Transition } from './projection';

/**
 * DynamoDB's transaction limit, and the bookkeeping items a group may hold besides its
 * changes: group 0 the definition, meta check and journal; later groups their marker;
 * the last group also the outbox entry.
 */
export const TRANSACTION_ITEMS = 100;
const FIRST_GROUP_CAPACITY = TRANSACTION_ITEMS - 4;
const LATER_GROUP_CAPACITY = TRANSACTION_ITEMS - 2;
/**
 * Bulky updates per transaction: each is a document written whole (up to ~150 KB of
 * UTF-8), and a transaction carries at most 4 MB.
 */
const BULKY_PER_GROUP = 24;

/**
 * How a plan weighs updates. Now: their own item each, and once per group the items
 * they reserve (what they add elsewhere); a group whose updates add more writes some of
 * them ahead (`group-writer.ts`). Until 2026-12: each update's worst case. Chunks planned
 * then (their markers live two days) complete with the weights they were planned with.
 */
export type PlanWeights = 'reserve' | 'worst-case';

/** Transaction items a change takes in a group that already holds reserving updates or not. */
const weightOf = (change: PlannedChange, weights: PlanWeights, groupReserved: boolean) => {
  if (change.kind !== 'update' || !change.weight?.reserve) return 1;
  if (weights === 'worst-case') return change.weight.alone ? FIRST_GROUP_CAPACITY : (change.weight.worstCase ?? 1);
  return groupReserved ? 1 : 1 + change.weight.reserve;
};

const reserves = (change: PlannedChange) => change.kind === 'update' && Boolean(change.weight?.reserve);
const isAlone = (change: PlannedChange) => change.kind === 'update' && Boolean(change.weight?.alone);
const isBulky = (change: PlannedChange) => change.kind === 'update' && Boolean(change.weight?.bulky);

/** Whether an update that must be alone meets another reserving update in a group, or the reverse. */
const meetsLoner = (change: PlannedChange, group: PlannedChange[]) =>
  reserves(change) &&
  (isAlone(change) ? group.some(reserves) : group.some((other) => reserves(other) && isAlone(other)));

/**
 * Splits changes (sorted by id) into transactions: within capacity, at most BULKY_PER_GROUP bulky ones, loners alone.
 */
const split = (changes: PlannedChange[], weights: PlanWeights): PlannedChange[][] => {
  const groups: PlannedChange[][] = [[]];
  let [used, bulky, reserved] = [0, 0, false];
  for (const change of changes) {
    const capacity = groups.length === 1 ? FIRST_GROUP_CAPACITY : LATER_GROUP_CAPACITY;
    const group = groups.at(-1)!;
    const full =
      used + weightOf(change, weights, reserved) > capacity ||
      (isBulky(change) && bulky === BULKY_PER_GROUP) ||
      (weights === 'reserve' && meetsLoner(change, group));
    if (full && group.length) {
      groups.push([]);
      [used, bulky, reserved] = [0, 0, false];
    }
    groups.at(-1)!.push(change);
    used += weightOf(change, weights, reserved);
    bulky += Number(isBulky(change));
    reserved ||= reserves(change);
  }
  return groups;
};

const byId = (a: PlannedChange, b: PlannedChange) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Fingerprint of a split: where the groups split is part of it (chunks planned worst-case hashed their ids alone). */
const hashOf = (groups: PlannedChange[][], weights: PlanWeights) => {
  const planned =
    weights === 'worst-case'
      ? groups.flat().map((change) => change.id)
      : groups.map((group) => group.map((c) => c.id).join('\n'));
  return createHash('sha256')
    .update(planned.join(weights === 'worst-case' ? '\n' : '\n|\n'))
    .digest('base64url')
    .slice(0, 16);
};

/** A chunk's changes in transaction-sized groups, their fingerprint, and what its last group publishes. */
export interface Plan {
  groups: PlannedChange[][];
  planHash: string;
  outbox: ChunkEntry | undefined;
}

/**
 * Folds transitions through every projection into one change per item and splits the
 * changes, sorted by id, into transaction-sized groups. A pure function of the
 * transitions and the context: a later completion of the chunk splits it identically.
 *
 * @example
 * const { groups, planHash, outbox } = planChanges(PROJECTIONS, transitions, { combinations: [], now, chunkKey });
 */
export const planChanges = (
  projections: readonly Projection[],
  transitions: readonly Transition[],
  context: ProjectionContext,
  weights: PlanWeights = 'reserve',
): Plan => {
  const changes = changesOf(projections, transitions, context);
  const outbox = changes.find((change) => change.kind === 'emit')?.entry;
  const planned = changes.filter((change): change is PlannedChange => change.kind !== 'emit').sort(byId);
  const groups = split(planned, weights);
  return { groups, planHash: hashOf(groups, weights), outbox };
};
