import { loopOf } from '../follow-up';
import type { ResponseState } from '../response';
import { inEventTimeOrder, type RespondentResponse } from './history';

/**
 * Who a response belongs to, as the projector and the rebuild attach it to a state from
 * the personal data: the respondent's key (a hash of the respondentId, which an erasure's
 * remnant keeps until projected) and, while not erased, the respondentId itself.
 */
export interface RespondentRef {
  key: string;
  id?: string;
}

/** What a chunk changes in one respondent's view: responses set (as they now stand) and responses taken out. */
export interface RespondentChange {
  key: string;
  /** The respondentId, when a live response of the chunk carries it (an erasure knows only the key). */
  respondentId?: string;
  set: RespondentResponse[];
  remove: string[];
}

/** A live response as the respondent view holds it: score, time, segments and the sentiment of its current comment. */
export const respondentResponseOf = (state: ResponseState): RespondentResponse => ({
  responseId: state.responseId,
  score: state.score,
  submittedAt: state.submittedAt,
  segments: state.segments,
  ...(state.analysis ? { commentSentiment: state.analysis.sentiment } : {}),
  ...(firstContactOf(state) ? { firstContactAt: firstContactOf(state)! } : {}),
});

const firstContactOf = (state: ResponseState) => loopOf(state).firstContactAt;

/** A respondent's pending change: its id if known, and the last state of each response (null: taken out). */
interface Pending {
  respondentId?: string;
  last: Map<string, RespondentResponse | null>;
}

/**
 * Accumulates what response state transitions change in respondent views: the last state
 * of each response wins (set while active, removed once erased, or once its personal data
 * is: a later erasure's remnant knows the respondent by key only). States carry their
 * respondent (`respondent`) when the caller attached it; others are no one's. Pure: the
 * projector (per chunk) and the rebuild (from nothing) both fold through it.
 *
 * @example
 * const fold = createRespondentFold();
 * fold.add(undefined, submitted); // { key, respondentId, set: [submitted's view], remove: [] }
 * fold.changes();
 */
export const createRespondentFold = () => {
  const byKey = new Map<string, Pending>();
  return {
    add(
      before: (ResponseState & { respondent?: RespondentRef }) | undefined,
      after: ResponseState & { respondent?: RespondentRef },
    ) {
      const respondent = after.respondent ?? before?.respondent;
      if (!respondent) return;
      const entry: Pending = byKey.get(respondent.key) ?? { last: new Map() };
      if (respondent.id !== undefined) entry.respondentId = respondent.id;
      // known by key only, its personal data is already erased: the erasure takes it out, so it is out already
      const live = after.status === 'active' && after.respondent?.id !== undefined;
      entry.last.set(after.responseId, live ? respondentResponseOf(after) : null);
      byKey.set(respondent.key, entry);
    },
    /** One change per respondent, by key. */
    changes(): RespondentChange[] {
      return [...byKey]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, { respondentId, last }]) => ({
          key,
          ...(respondentId !== undefined ? { respondentId } : {}),
          set: [...last.values()].filter((r): r is RespondentResponse => r !== null),
          remove: [...last].filter(([, r]) => r === null).map(([id]) => id),
        }));
    },
  };
};

/**
 * Responses a view keeps: the latest by event time (about 150 bytes each, well inside
 * DynamoDB's 400 KB item). A person with more has their oldest dropped from the view, its
 * transitions and risk examples with them (docs/respondents.md).
 */
export const MAX_VIEW_RESPONSES = 1_000;

/**
 * A respondent's responses after a change (those set replace any earlier entry of the same response), in event-time
 * order.
 */
export const applyRespondentChange = (
  responses: readonly RespondentResponse[],
  change: Pick<RespondentChange, 'set' | 'remove'>,
): RespondentResponse[] => {
  const replaced = new Set([...change.remove, ...change.set.map((r) => r.responseId)]);
  return inEventTimeOrder([...responses.filter((r) => !replaced.has(r.responseId)), ...change.set]).slice(
    -MAX_VIEW_RESPONSES,
  );
};
