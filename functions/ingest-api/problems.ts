import { HttpProblem, validationProblem } from '../shared/problems';
import type { SubmitResult } from '../shared/response-commands';

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
