import { HttpProblem, validationProblem } from '../shared/problems';
import type { FollowUpResult, SubmitResult } from '../shared/response-commands';

export const conflict = (responseId: string) =>
  new HttpProblem(
    'conflict',
    `A different response was already submitted as ${responseId}; a re-send must be identical.`,
  );
export const gone = (responseId: string) =>
  new HttpProblem('gone', `Response ${responseId} was erased; its id cannot be used again.`);
export const notFound = (responseId: string) => new HttpProblem('not-found', `No response ${responseId}.`);

/** The problem a refused submission gets, or undefined when it was taken. */
export const submitProblem = (result: SubmitResult): HttpProblem | undefined => {
  if (result.kind === 'invalid') return validationProblem(result.errors);
  if (result.kind === 'conflict') return conflict(result.responseId);
  if (result.kind === 'erased') return gone(result.responseId);
  return undefined;
};

/** The problem a refused follow-up gets. */
export const followUpProblem = (responseId: string, result: Exclude<FollowUpResult, { followUp: unknown }>) => {
  if (result.kind === 'invalid') return validationProblem(result.errors);
  if (result.kind === 'conflict') {
    return new HttpProblem('conflict', `Follow-up ${result.followUpId} was recorded with different content.`);
  }
  return result.kind === 'erased' ? gone(responseId) : notFound(responseId);
};
