import { loopParams } from '../loop-routes';
import { type OperationSpec, responseIdParameter } from './operation-spec';

/** Close the loop (docs/close-the-loop.md): recording follow-ups and the loop figures, by path and method. */
export const LOOP_OPERATIONS: Record<
  string,
  { parameters?: Record<string, unknown>[] } & Partial<Record<'get' | 'post', OperationSpec>>
> = {
  '/v1/responses/{responseId}/follow-ups': {
    parameters: [responseIdParameter],
    post: {
      operationId: 'recordFollowUp',
      summary: 'Record a follow-up (close the loop): idempotent by followUpId',
      body: { schema: 'FollowUpRequest', limitBytes: 65_536 },
      answers: {
        201: { description: 'recorded', schema: 'FollowUp' },
        200: { description: 'this followUpId was already recorded with the same content', schema: 'FollowUp' },
      },
      problems: {
        404: 'unknown responseId',
        409: 'this followUpId was recorded with different content',
        410: 'erased (checked before anything else)',
      },
    },
  },
  '/v1/loop': {
    get: {
      operationId: 'getLoop',
      summary: 'Close-the-loop figures of the detractor responses submitted from..to: contact, resolution, recovery',
      query: loopParams,
      answers: { 200: { description: 'the figures', schema: 'LoopFigures', csv: true } },
    },
  },
};
