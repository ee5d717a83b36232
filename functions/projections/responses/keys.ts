import type { ResponseState } from '../../../domain/response';
import { categoryOf } from '../../../domain/score';
import { monthOf } from '../../../domain/time';
import type { ItemKey } from '../../projection-engine/projection';

/**
 * The response index (`GET /v1/responses`): one document per live response holding its
 * current state as the API lists it, personal data included (deleted with it), kept in
 * one partition per month of `submittedAt` and category so that a range reads its months
 * in order and a category filter reads only its own; one tombstone per erased response
 * (its id and when, nothing else), so that sync clients following `updatedSince` delete
 * it too. Every document carries the response's version: a state older than the stored
 * one is never written over it, in whatever order a rebuild's journal and the projector
 * deliver.
 */
export const RESPONSE_MODEL = 'response';

/** Where a live response's document lives: its month and category, sorted by `submittedAt` then id. */
export const liveKeyOf = (state: Pick<ResponseState, 'submittedAt' | 'score' | 'responseId'>): ItemKey => ({
  model: RESPONSE_MODEL,
  partition: `${monthOf(state.submittedAt.slice(0, 10))}#${categoryOf(state.score)}`,
  sort: `${state.submittedAt}#${state.responseId}`,
});

/** Where an erased response's tombstone lives. */
export const tombstoneKeyOf = (responseId: string): ItemKey => ({
  model: RESPONSE_MODEL,
  partition: 'erased',
  sort: responseId,
});
