import * as z from 'zod';
import type { FollowUpRecorded } from './events';
import { formatInstant, instantWindowError } from './instant';
import type { ResponseState } from './response';
import { categoryOf } from './score';
import { instantSchema, RESPONSE_ID_PATTERN, textSchema } from './submission';
import { fieldErrorsOf, type Validated } from './validation';

/**
 * Close the loop: what someone did about a response (a call, an e-mail, a visit) and where
 * it stands. A follow-up is an event on the response's own stream; its `note` and `by` are
 * personal data, kept beside the comment and erased with it.
 */
export const FOLLOW_UP_STATUSES = ['contacted', 'resolved', 'no_answer', 'wont_fix'] as const;
export const FOLLOW_UP_CHANNELS = ['phone', 'email', 'chat', 'visit', 'other'] as const;
export const MAX_NOTE_LENGTH = 2000;
export const MAX_BY_LENGTH = 200;

export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];
export type FollowUpChannel = (typeof FOLLOW_UP_CHANNELS)[number];

export const followUpIdSchema = z.string().regex(RESPONSE_ID_PATTERN, {
  error: `must match ${RESPONSE_ID_PATTERN.source}`,
});

/** The body of `POST /v1/responses/{responseId}/follow-ups`. */
export const followUpBodySchema = z.strictObject({
  followUpId: followUpIdSchema.optional(),
  status: z.enum(FOLLOW_UP_STATUSES),
  channel: z.enum(FOLLOW_UP_CHANNELS).optional(),
  note: textSchema(MAX_NOTE_LENGTH, 1).optional(),
  by: textSchema(MAX_BY_LENGTH, 1).optional(),
  at: instantSchema.optional(),
});

/** A follow-up as requested, its time resolved; `followUpId` absent when the client sent none. */
export interface FollowUpRequest {
  followUpId?: string;
  status: FollowUpStatus;
  channel?: FollowUpChannel;
  note?: string;
  by?: string;
  at: string;
}

/** A follow-up as a response's state holds it (no note, no `by`: those live in the personal data). */
export interface FollowUp {
  followUpId: string;
  status: FollowUpStatus;
  channel?: FollowUpChannel;
  at: string;
  /** The version of the response's stream that recorded it. */
  version: number;
  hasNote: boolean;
  hasBy: boolean;
}

/**
 * Validates a follow-up body: `at` defaults to `nowMs` and may lie neither before the
 * response's `submittedAt` nor more than 5 minutes ahead of `nowMs`.
 *
 * @example
 * parseFollowUp({ status: 'contacted' }, '2026-11-20T10:15:00.000Z', Date.parse('2026-11-21T09:00:00Z'));
 * // { ok: true, value: { status: 'contacted', at: '2026-11-21T09:00:00.000Z' } }
 */
export const parseFollowUp = (body: unknown, submittedAt: string, nowMs: number): Validated<FollowUpRequest> => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: [{ path: '', message: 'must be a JSON object' }] };
  }
  const parsed = followUpBodySchema.safeParse(body);
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error) };
  const at = parsed.data.at ?? formatInstant(nowMs);
  const atMs = Date.parse(at);
  const windowError =
    instantWindowError(atMs, nowMs) ?? (atMs < Date.parse(submittedAt) ? 'must not be before submittedAt' : undefined);
  if (windowError) return { ok: false, errors: [{ path: 'at', message: windowError }] };
  return { ok: true, value: { ...parsed.data, at } };
};

export type FollowUpDecision =
  | { kind: 'record'; event: Pick<FollowUpRecorded, 'type' | 'schemaVersion' | 'data'> }
  | { kind: 'duplicate'; followUp: FollowUp }
  | { kind: 'conflict'; followUp: FollowUp };

/** True when a re-sent follow-up says what the recorded one says (its note and `by` compared by the caller). */
const sameFollowUp = (recorded: FollowUp, request: FollowUpRequest & { followUpId: string }) =>
  recorded.status === request.status &&
  recorded.channel === request.channel &&
  recorded.at === request.at &&
  recorded.hasNote === (request.note !== undefined) &&
  recorded.hasBy === (request.by !== undefined);

/**
 * What recording a follow-up does: a new event, or — for a `followUpId` already recorded —
 * nothing (`duplicate` when it says the same, `conflict` when it differs). `samePersonal`
 * tells whether its note and `by` equal the recorded ones (they are not in the state).
 */
export const decideFollowUp = (
  state: ResponseState,
  request: FollowUpRequest & { followUpId: string },
  samePersonal: (recorded: FollowUp) => boolean,
): FollowUpDecision => {
  const recorded = state.followUps?.find((f) => f.followUpId === request.followUpId);
  if (recorded) {
    const same = sameFollowUp(recorded, request) && samePersonal(recorded);
    return same ? { kind: 'duplicate', followUp: recorded } : { kind: 'conflict', followUp: recorded };
  }
  const { followUpId, status, channel, at, note, by } = request;
  return {
    kind: 'record',
    event: {
      type: 'FollowUpRecorded',
      schemaVersion: 1,
      data: {
        followUpId,
        status,
        ...(channel ? { channel } : {}),
        at,
        hasNote: note !== undefined,
        hasBy: by !== undefined,
      },
    },
  };
};

/**
 * Where the loop of a response stands: `open` (a detractor nobody followed up yet),
 * `none` (no follow-up, not a detractor), `attempted` (only unanswered attempts),
 * `contacted`, `resolved`, or `closed` (`wont_fix`, not resolved).
 */
export type LoopStatus = 'open' | 'none' | 'attempted' | 'contacted' | 'resolved' | 'closed';
export const LOOP_STATUSES: readonly LoopStatus[] = ['open', 'none', 'attempted', 'contacted', 'resolved', 'closed'];

export interface Loop {
  status: LoopStatus;
  /** The earliest `at` of a `contacted` or `resolved` follow-up. */
  firstContactAt: string | null;
  /** The earliest `at` of a `resolved` follow-up. */
  resolvedAt: string | null;
}

const earliest = (followUps: readonly FollowUp[], statuses: readonly FollowUpStatus[]): string | null =>
  followUps
    .filter((f) => statuses.includes(f.status))
    .map((f) => f.at)
    .sort()[0] ?? null;

/**
 * The loop of a response from its score and follow-ups.
 *
 * @example
 * loopOf({ score: 3, followUps: [] }); // { status: 'open', firstContactAt: null, resolvedAt: null }
 */
export const loopOf = ({ score, followUps = [] }: Pick<ResponseState, 'score' | 'followUps'>): Loop => {
  const firstContactAt = earliest(followUps, ['contacted', 'resolved']);
  const resolvedAt = earliest(followUps, ['resolved']);
  const statuses = new Set(followUps.map((f) => f.status));
  const status =
    STANDING.find(([, holds]) => holds(statuses))?.[0] ?? (categoryOf(score) === 'detractor' ? 'open' : 'none');
  return { status, firstContactAt, resolvedAt };
};

/** Loop statuses by precedence, each with what its follow-ups must include. */
const STANDING: [LoopStatus, (statuses: Set<FollowUpStatus>) => boolean][] = [
  ['resolved', (s) => s.has('resolved')],
  ['contacted', (s) => s.has('contacted')],
  ['closed', (s) => s.has('wont_fix')],
  ['attempted', (s) => s.has('no_answer')],
];
