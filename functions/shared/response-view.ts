import { currentComment } from '../../domain/personal-data';
import { categoryOf } from '../../domain/score';
import type { ResponseStream } from './event-store';

/**
 * The public view of a response (`GET /v1/responses/{id}`): its current state and its
 * history, with personal data only while it is not erased.
 *
 * @example
 * responseView(await store.load('r1')); // { responseId: 'r1', status: 'active', score: 9, category: 'promoter', history: […] }
 */
export const responseView = ({ state, events, personalData }: ResponseStream) => {
  const comment = currentComment(personalData);
  return {
    responseId: state.responseId,
    status: state.status,
    version: state.version,
    score: state.score,
    category: categoryOf(state.score),
    submittedAt: state.submittedAt,
    segments: state.segments,
    ...(comment !== undefined ? { comment } : {}),
    ...(personalData?.respondentId !== undefined ? { respondentId: personalData.respondentId } : {}),
    ...(state.amendedAt ? { amendedAt: state.amendedAt } : {}),
    ...(state.erasedAt ? { erasedAt: state.erasedAt } : {}),
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
