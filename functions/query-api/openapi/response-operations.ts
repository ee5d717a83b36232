import { MAX_RESPONSE_PAGE, responseListParams } from '../response-params';
import type { OperationSpec } from './operation-spec';

/** `/v1/responses`: submitting one response, and listing them (docs/api.md#get-v1responses). */
export const RESPONSE_LIST_OPERATIONS: Record<string, Partial<Record<'get' | 'post', OperationSpec>>> = {
  '/v1/responses': {
    get: {
      operationId: 'listResponses',
      summary:
        `The responses themselves, filtered, ${MAX_RESPONSE_PAGE} at most per page (a selective filter may answer fewer, ` +
        'even none, with a cursor); with updatedSince, every change since an instant',
      query: responseListParams,
      answers: {
        200: {
          description: 'a page (CSV: its items; the next cursor in the X-Next-Cursor header)',
          schema: 'ResponsePage',
          csv: true,
        },
      },
    },
    post: {
      operationId: 'submitResponse',
      summary: 'Submit a response (idempotent on responseId)',
      body: { schema: 'Submission', limitBytes: 65_536 },
      answers: {
        202: { description: 'accepted', schema: 'SubmitAnswer' },
        200: { description: 'identical re-send', schema: 'SubmitAnswer' },
      },
      problems: { 409: 'same responseId, different content', 410: 'the responseId was erased' },
    },
  },
};
