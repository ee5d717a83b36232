import { type FollowUp, loopOf } from '../../domain/follow-up';
import { currentComment, currentCommentVersion, type FollowUpNote } from '../../domain/personal-data';
import { categoryOf } from '../../domain/score';
import type { ResponseStream } from './event-store';

/** A follow-up as the API shows it: with its note and `by` while the response is not erased. */
export const followUpView = (followUp: FollowUp, notes: Record<number, FollowUpNote>) => {
  const { followUpId, status, channel, at } = followUp;
  const { note, by } = notes[followUp.version] ?? {};
  return {
    followUpId,
    status,
    ...(channel ? { channel } : {}),
    at,
    ...(note !== undefined ? { note } : {}),
    ...(by !== undefined ? { by } : {}),
  };
};

export type FollowUpView = ReturnType<typeof followUpView>;

/**
 * The public view of a response (`GET /v1/responses/{id}`): its current state and its
 * history, with personal data (and the current comment's analysis) only while it is not
 * erased.
 *
 * @example
 * responseView(await store.load('r1')); // { responseId: 'r1', status: 'active', score: 9, category: 'promoter',
 * history: […] }
 */
export const responseView = ({ state, events, personalData }: ResponseStream) => {
  const comment = currentComment(personalData);
  const analysis = personalData?.analyses[currentCommentVersion(personalData) ?? 0];
  return {
    responseId: state.responseId,
    status: state.status,
    version: state.version,
    score: state.score,
    category: categoryOf(state.score),
    submittedAt: state.submittedAt,
    segments: state.segments,
    ...(comment !== undefined ? { comment } : {}),
    ...(comment !== undefined && analysis ? { analysis } : {}),
    ...(personalData?.respondentId !== undefined ? { respondentId: personalData.respondentId } : {}),
    ...(state.amendedAt ? { amendedAt: state.amendedAt } : {}),
    ...(state.erasedAt ? { erasedAt: state.erasedAt } : {}),
    ...(state.status === 'active'
      ? {
          followUps: (state.followUps ?? []).map((f) => followUpView(f, personalData?.followUps ?? {})),
          loop: loopOf(state),
        }
      : {}),
    history: events.map((event) => ({
      version: event.version,
      type: event.type,
      schemaVersion: event.schemaVersion,
      recordedAt: event.recordedAt,
      data: event.data,
      ...(personalData?.comments[event.version] !== undefined ? { comment: personalData.comments[event.version] } : {}),
    })),
  };
};
