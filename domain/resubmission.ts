import type { StoredEvent } from './events';
import type { PersonalData } from './personal-data';
import type { ResponseState } from './response';
import { isSameSubmission, type Submission } from './submission';

/**
 * What a submission whose responseId already has a stream is: an identical re-send, a different body, or an erased id.
 */
export type ResubmissionOutcome = 'duplicate' | 'conflict' | 'erased';

/** The submission a stream's first event and its personal data describe (later amendments do not change it). */
export const submissionOf = (
  events: readonly StoredEvent[],
  personalData: PersonalData | undefined,
): Submission | undefined => {
  const first = events[0];
  if (first?.type !== 'ResponseSubmitted') return undefined;
  const comment = personalData?.comments[1];
  return {
    responseId: first.responseId,
    score: first.data.score,
    submittedAt: first.data.submittedAt,
    segments: first.data.segments,
    ...(comment !== undefined ? { comment } : {}),
    ...(personalData?.respondentId !== undefined ? { respondentId: personalData.respondentId } : {}),
    ...(first.data.language !== undefined ? { language: first.data.language } : {}),
  };
};

/**
 * The answer to a submission whose id is taken: `erased` once the response was erased
 * (410), `duplicate` when it is the stored submission again (200; amendments since do
 * not matter), `conflict` for any other body (409).
 *
 * @example
 * classifyResubmission({ state, events, personalData }, submission); // 'duplicate'
 */
export const classifyResubmission = (
  existing: { state: ResponseState; events: readonly StoredEvent[]; personalData?: PersonalData },
  submission: Submission,
): ResubmissionOutcome => {
  if (existing.state.status === 'erased') return 'erased';
  const stored = submissionOf(existing.events, existing.personalData);
  return stored && isSameSubmission(stored, submission) ? 'duplicate' : 'conflict';
};
