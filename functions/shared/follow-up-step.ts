import { decideFollowUp, type FollowUp, parseFollowUp } from '../../domain/follow-up';
import type { FieldError } from '../../domain/validation';
import type { Append, ResponseStream } from './event-store';
import { type FollowUpView, followUpView } from './response-view';

export type FollowUpResult =
  | { kind: 'recorded' | 'duplicate'; followUp: FollowUpView }
  | { kind: 'conflict'; followUpId: string }
  | { kind: 'not-found' | 'erased' }
  | { kind: 'invalid'; errors: FieldError[] };

/** A follow-up request as the command retries it: its body read once, and its id (the sent one or one generated once). */
export interface PendingFollowUp {
  body: () => unknown;
  id: () => string;
}

/** Reads the body at most once (only once the response is known to exist), and names it once when it has no id. */
export const followUpRequest = (readBody: () => unknown, newId: () => string): PendingFollowUp => {
  let body: { value: unknown } | undefined;
  let generated: string | undefined;
  const read = () => {
    body ??= { value: readBody() };
    return body.value;
  };
  return {
    body: read,
    id: () => {
      const sent = (read() as { followUpId?: unknown } | null)?.followUpId;
      if (typeof sent === 'string') return sent;
      generated ??= newId();
      return generated;
    },
  };
};

/** Its note and `by`, as the personal data keeps them (nothing when it has neither). */
const noteOf = ({ note, by }: { note?: string; by?: string }) => ({
  ...(note !== undefined ? { note } : {}),
  ...(by !== undefined ? { by } : {}),
});

/**
 * What recording a follow-up does to a stream: an answer at once (404, 410, 400, a re-sent
 * follow-up, a conflicting one) or the event to append (with its note and `by` for the
 * personal data) and the answer once it is appended.
 */
export const followUpStep = (
  stream: ResponseStream | undefined,
  pending: PendingFollowUp,
  nowMs: number,
): { done: FollowUpResult } | { append: Pick<Append, 'event' | 'personalData'>; onAppended: FollowUpResult } => {
  if (!stream) return { done: { kind: 'not-found' } };
  if (stream.state.status === 'erased') return { done: { kind: 'erased' } };
  const parsed = parseFollowUp(pending.body(), stream.state.submittedAt, nowMs);
  if (!parsed.ok) return { done: { kind: 'invalid', errors: parsed.errors } };
  const request = { ...parsed.value, followUpId: pending.id() };
  const notes = stream.personalData?.followUps ?? {};
  const note = noteOf(request);
  const samePersonal = (recorded: FollowUp) =>
    JSON.stringify(noteOf(notes[recorded.version] ?? {})) === JSON.stringify(note);
  const decision = decideFollowUp(stream.state, request, samePersonal);
  if (decision.kind === 'conflict') return { done: { kind: 'conflict', followUpId: request.followUpId } };
  if (decision.kind === 'duplicate')
    return { done: { kind: 'duplicate', followUp: followUpView(decision.followUp, notes) } };
  const recorded: FollowUp = { ...decision.event.data, version: stream.state.version + 1 };
  return {
    append: { event: decision.event, personalData: Object.keys(note).length ? { followUp: note } : undefined },
    onAppended: { kind: 'recorded', followUp: followUpView(recorded, { [recorded.version]: note }) },
  };
};
