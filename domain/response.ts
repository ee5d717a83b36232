import type { Analysis } from './analysis/analyze';
import type { AnalysisSummary } from './analysis/summary';
import type {
  FollowUpRecorded,
  ResponseAmended,
  ResponseErased,
  ResponseEvent,
  ResponseSubmitted,
  StoredEvent,
} from './events';
import type { FollowUp } from './follow-up';
import type { RespondentRef } from './respondents/changes';
import type { Segments } from './segments';

/** The current state of one response, folded from its stream. */
export interface ResponseState {
  responseId: string;
  /** Version of the last event applied. */
  version: number;
  status: 'active' | 'erased';
  score: number;
  submittedAt: string;
  segments: Segments;
  hasComment: boolean;
  hasRespondentId: boolean;
  amendedAt?: string;
  erasedAt?: string;
  /** The version that set the current comment, while there is one. */
  commentVersion?: number;
  /** Its follow-ups, oldest first (by `at`, then version); absent while it has none. */
  followUps?: FollowUp[];
  /**
   * The note and `by` of each follow-up, by its version, when the caller attached them from the personal data (the
   * response index shows them); never set by `applyEvent`.
   */
  followUpNotes?: Record<number, { note?: string; by?: string }>;
  /**
   * The summary of the current comment's analysis, when the caller attached it (the
   * projector and the rebuild do, from the personal data); never set by `applyEvent`.
   */
  analysis?: AnalysisSummary;
  /**
   * Whose response it is (key, and the respondentId unless erased), when the caller
   * attached it from the personal data; never set by `applyEvent`.
   */
  respondent?: RespondentRef;
  /**
   * The current comment's text and its full analysis, when the caller attached them from
   * the personal data (the response index shows them); never set by `applyEvent`.
   */
  comment?: string;
  commentAnalysis?: Analysis;
}

const submittedState = (event: StoredEvent & ResponseSubmitted): ResponseState => {
  const { score, submittedAt, segments, hasComment, hasRespondentId } = event.data;
  const sorted = Object.fromEntries(
    Object.keys(segments)
      .sort()
      .map((dimension) => [dimension, segments[dimension]!]),
  );
  return {
    responseId: event.responseId,
    version: event.version,
    status: 'active',
    score,
    submittedAt,
    segments: sorted,
    hasComment,
    hasRespondentId,
    ...(hasComment ? { commentVersion: 1 } : {}),
  };
};

/** A state without its comment (and the analysis of it). */
const withoutComment = ({ analysis: _analysis, commentVersion: _version, ...rest }: ResponseState): ResponseState =>
  rest;

/** A state without its follow-ups (an erasure takes them out with the comment). */
const withoutFollowUps = ({ followUps: _followUps, followUpNotes: _notes, ...rest }: ResponseState): ResponseState =>
  rest;

const amendedState = (state: ResponseState, event: StoredEvent & ResponseAmended): ResponseState => {
  const { commentAmended, score, amendedAt } = event.data;
  return {
    ...(commentAmended ? withoutComment(state) : state),
    version: event.version,
    score: score ?? state.score,
    hasComment: state.hasComment || commentAmended,
    amendedAt,
    ...(commentAmended ? { commentVersion: event.version } : {}),
  };
};

const followedUpState = (state: ResponseState, event: StoredEvent & FollowUpRecorded): ResponseState => {
  const { followUpId, status, channel, at, hasNote, hasBy } = event.data;
  const followUp: FollowUp = {
    followUpId,
    status,
    ...(channel ? { channel } : {}),
    at,
    version: event.version,
    hasNote,
    hasBy,
  };
  const followUps = [...(state.followUps ?? []), followUp].sort((a, b) =>
    a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.version - b.version,
  );
  return { ...state, version: event.version, followUps };
};

/**
 * The state after one more event. Events are applied in stream order; the first must
 * be `ResponseSubmitted`. Returns the state unchanged for an event after erasure.
 */
export const applyEvent = (state: ResponseState | undefined, event: StoredEvent): ResponseState => {
  if (event.type === 'ResponseSubmitted') return submittedState(event);
  if (!state) throw new Error(`${event.responseId}@${event.version}: ${event.type} before ResponseSubmitted`);
  if (state.status === 'erased') return { ...state, version: event.version };
  if (event.type === 'ResponseAmended') return amendedState(state, event);
  if (event.type === 'FollowUpRecorded') return followedUpState(state, event);
  const erased = {
    version: event.version,
    status: 'erased' as const,
    hasComment: false,
    hasRespondentId: false,
    erasedAt: event.data.erasedAt,
  };
  return { ...withoutFollowUps(withoutComment(state)), ...erased };
};

/**
 * Folds a response's events (in version order) into its current state; undefined for none.
 *
 * @example
 * foldResponse([submitted, amended]).score; // the amended score
 */
export const foldResponse = (events: readonly StoredEvent[]): ResponseState | undefined =>
  events.reduce<ResponseState | undefined>((state, event) => applyEvent(state, event), undefined);

/** A requested amendment with its time resolved. */
export interface AmendmentRequest {
  score?: number;
  comment?: string;
  amendedAt: string;
}

export type AmendmentDecision =
  | { kind: 'unchanged' }
  | { kind: 'amend'; event: Pick<ResponseAmended, 'type' | 'schemaVersion' | 'data'>; comment?: string };

/**
 * Whether an amendment changes anything, and the event that records it. Only the
 * fields that differ from the current state are amended.
 *
 * @example
 * decideAmendment(state /* score 3 *\/, undefined, { score: 3, amendedAt }); // { kind: 'unchanged' }
 */
export const decideAmendment = (
  state: ResponseState,
  currentComment: string | undefined,
  request: AmendmentRequest,
): AmendmentDecision => {
  const scoreChanged = request.score !== undefined && request.score !== state.score;
  const commentChanged = request.comment !== undefined && request.comment !== currentComment;
  if (!scoreChanged && !commentChanged) return { kind: 'unchanged' };
  return {
    kind: 'amend',
    event: {
      type: 'ResponseAmended',
      schemaVersion: 1,
      data: {
        ...(scoreChanged ? { score: request.score } : {}),
        commentAmended: commentChanged,
        amendedAt: request.amendedAt,
      },
    },
    ...(commentChanged ? { comment: request.comment } : {}),
  };
};

/** The event that erases a response. */
export const erasureEvent = (erasedAt: string): Pick<ResponseErased, 'type' | 'schemaVersion' | 'data'> => ({
  type: 'ResponseErased',
  schemaVersion: 1,
  data: { erasedAt },
});

/** An event before it is appended: what the domain decides, without its position. */
export type NewEvent = Pick<ResponseEvent, 'type' | 'schemaVersion' | 'data'>;
