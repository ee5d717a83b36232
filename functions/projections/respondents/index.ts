import { formatInstant } from '../../../domain/instant';
import {
  applyRespondentChange,
  createRespondentFold,
  type RespondentChange,
} from '../../../domain/respondents/changes';
import type { Combination } from '../../../domain/segments';
import type { ItemChange, Projection, UpdateResult } from '../../projection-engine/projection';
import { AGGREGATE_MODEL, aggregatesDelta, aggregatesOf } from './aggregates';
import { encodeResponses, VIEW_MODEL, viewDocument, viewOf } from './views';

/**
 * Respondents: a view per person (by the key hashed from their respondentId) holding
 * their responses as they now stand, and the aggregates of every respondent's history
 * (transitions between consecutive responses, the risk model's examples) in day and month
 * items. A change to a view adds the difference it makes to the aggregates, in the same
 * transaction.
 */

/** Aggregate items one group with respondent changes reserves room for (live traffic touches a day and a month). */
const AGGREGATE_ITEMS_PER_GROUP = 10;
/**
 * Aggregate items one changed response may change: the days of its pair and of its old
 * and new successors' (3), and the months of the examples around it (5). What the planner
 * before 2026-12 reserved per response.
 */
const AGGREGATE_ITEMS_PER_RESPONSE = 8;
/** Responses of one respondent changed per transaction: 1 + 8 × 10 items (and the group's guards) fit one. */
const RESPONSES_PER_PART = 10;

/** What a change does to a view as read: the view put back (or deleted), and what it adds to the aggregates. */
const updateOf =
  (change: RespondentChange, context: { combinations: readonly Combination[]; updatedAt: string }) =>
  (stored: Record<string, unknown> | undefined): UpdateResult => {
    const view = stored ? viewOf(stored) : undefined;
    const before = view?.responses ?? [];
    const next = applyRespondentChange(before, change);
    if (encodeResponses(next) === encodeResponses(before)) return {}; // unchanged: keeps its place in the list
    const adds = [
      ...aggregatesDelta(aggregatesOf(before, context.combinations), aggregatesOf(next, context.combinations)),
    ].map(([sort, counts]) => ({
      item: { model: AGGREGATE_MODEL, partition: '', sort },
      counts: Object.fromEntries(counts),
    }));
    if (!next.length) return { remove: true, adds };
    const respondentId = change.respondentId ?? view?.respondentId;
    if (respondentId === undefined) return { adds };
    return {
      value: viewDocument({ key: change.key, respondentId, responses: next, updatedAt: context.updatedAt }),
      adds,
    };
  };

/**
 * A respondent's change as planned changes: one, or for a change of more responses than a
 * transaction can hold (a person's erasure), parts applied one after the other, each alone
 * in its group (`r|<key>|<part>`, so that they sort in order).
 *
 * @example
 * respondentChanges({ key, respondentId: 'cust-42', set: [response], remove: [] }, { combinations: [], updatedAt });
 */
export const respondentChanges = (
  change: RespondentChange,
  context: { combinations: readonly Combination[]; updatedAt: string },
): ItemChange[] => {
  const responses = [...change.set.map((r) => ({ set: r })), ...change.remove.map((id) => ({ remove: id }))];
  const alone = responses.length > RESPONSES_PER_PART;
  const parts: ItemChange[] = [];
  for (let start = 0; start < responses.length; start += RESPONSES_PER_PART) {
    const part = responses.slice(start, start + RESPONSES_PER_PART);
    const partChange: RespondentChange = {
      key: change.key,
      ...(change.respondentId !== undefined ? { respondentId: change.respondentId } : {}),
      set: part.flatMap((p) => ('set' in p ? [p.set] : [])),
      remove: part.flatMap((p) => ('remove' in p ? [p.remove] : [])),
    };
    parts.push({
      kind: 'update',
      id: `r|${change.key}|${String(parts.length).padStart(6, '0')}`,
      item: { model: VIEW_MODEL, partition: change.key, sort: '-' },
      apply: updateOf(partChange, context),
      weight: {
        reserve: AGGREGATE_ITEMS_PER_GROUP,
        alone,
        idempotent: true,
        worstCase: 1 + AGGREGATE_ITEMS_PER_RESPONSE * part.length,
      },
    });
  }
  return parts;
};

export const respondents: Projection<ReturnType<typeof createRespondentFold>> = {
  name: 'respondents',
  version: 2, // 2: first contact in views, recovery in the aggregates
  models: [VIEW_MODEL, AGGREGATE_MODEL],
  handles: ['ResponseSubmitted', 'ResponseAmended', 'ResponseErased', 'FollowUpRecorded'],
  init: () => createRespondentFold(),
  fold: (fold, { before, after }) => {
    fold.add(before, after);
    return fold;
  },
  changes: (fold, { combinations, now }) => {
    const context = { combinations, updatedAt: formatInstant(now) };
    return fold.changes().flatMap((change) => respondentChanges(change, context));
  },
};
