import { mapLimited } from './concurrency';
import { DependencyUnavailableError } from './errors';
import type { RespondentIndex } from './respondent-index';
import type { ResponseCommands } from './response-commands';

export type RespondentErasureResult = { kind: 'erased' | 'already-erased'; responses: number } | { kind: 'not-found' };

/** Responses erased at once. */
const ERASE_CONCURRENCY = 8;

/**
 * Erases every response of a person (docs/respondents.md), each through the very erasure of
 * `DELETE /v1/responses/{id}`: found through the personal data's respondent index,
 * erased 8 at a time until the request's deadline. Safe to retry: erased responses
 * leave the index, so a retry goes on with the rest; the erasure is remembered first
 * (by a hash, two days) so that a retry after everything is gone answers 200, not 404.
 *
 * @example
 * const result = await eraseRespondent('crm-42', Date.now() + 3_000); // { kind: 'erased', responses: 300 }
 */
export const createRespondentErasure =
  ({
    index,
    commands,
    now,
  }: {
    index: RespondentIndex;
    commands: Pick<ResponseCommands, 'erase'>;
    now: () => number;
  }) =>
  async (respondentId: string, deadline: number): Promise<RespondentErasureResult> => {
    const responses = await index.responsesOf(respondentId);
    if (!responses.length) {
      const remembered = await index.erasureOf(respondentId);
      return remembered ? { kind: 'already-erased', responses: remembered.responses } : { kind: 'not-found' };
    }
    await index.recordErasure(respondentId, 0, now());
    const outcomes = await mapLimited(responses, ERASE_CONCURRENCY, async (responseId) =>
      now() < deadline ? (await commands.erase(responseId)).kind : 'not-started',
    );
    const total = await index.recordErasure(respondentId, outcomes.filter((kind) => kind === 'erased').length, now());
    const left = outcomes.filter((kind) => kind === 'not-started').length;
    if (left)
      throw new DependencyUnavailableError(
        `${left} of ${responses.length} responses not erased within the time budget: retry`,
      );
    return { kind: 'erased', responses: total };
  };
