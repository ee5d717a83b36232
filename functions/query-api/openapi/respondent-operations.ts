import { eligibilityParams, MAX_RESPONDENT_PAGE, respondentListParams, transitionsParams } from '../respondent-params';
import type { OperationSpec } from './operation-specs';

const respondentIdParameter = {
  name: 'respondentId',
  in: 'path',
  required: true,
  description: 'the platform’s id of the person or account, percent-encoded (ids may hold `@`, `/`, spaces…)',
  schema: { type: 'string', minLength: 1 },
};

/** The respondent operations (docs/respondents.md), by path and method. */
export const RESPONDENT_OPERATIONS: Record<
  string,
  { parameters?: Record<string, unknown>[] } & Partial<Record<'get' | 'delete', OperationSpec>>
> = {
  '/v1/respondents': {
    get: {
      operationId: 'listRespondents',
      summary:
        `Respondent views in the order they last changed, ${MAX_RESPONDENT_PAGE} at most per page, for CRM ` +
        `sync (updatedSince, cursor)`,
      query: respondentListParams,
      answers: {
        200: {
          description: 'a page (CSV: its items; the next cursor in the X-Next-Cursor header)',
          schema: 'RespondentPage',
          csv: true,
        },
      },
    },
  },
  '/v1/respondents/{respondentId}': {
    parameters: [respondentIdParameter],
    get: {
      operationId: 'getRespondent',
      summary: 'One respondent: latest and previous response by event time, average, change and risk',
      answers: { 200: { description: 'the respondent', schema: 'Respondent' } },
      problems: { 404: 'no response of this respondent (unknown, or all erased)' },
    },
    delete: {
      operationId: 'eraseRespondent',
      summary:
        'Erase every response of a person (GDPR art. 17), through the same erasure as DELETE ' +
        '/v1/responses/{responseId}',
      answers: {
        202: { description: 'erased', schema: 'RespondentErasure' },
        200: { description: 'already erased (within the 2 days a retry is recognised)', schema: 'RespondentErasure' },
      },
      problems: { 404: 'no response of this respondent' },
    },
  },
  '/v1/respondents/{respondentId}/eligibility': {
    parameters: [respondentIdParameter],
    get: {
      operationId: 'getEligibility',
      summary: 'Whether a person may be surveyed again: minDays after their latest response (a person never seen may)',
      query: eligibilityParams,
      answers: { 200: { description: 'eligible or not, and from when', schema: 'Eligibility' } },
    },
  },
  '/v1/transitions': {
    get: {
      operationId: 'getTransitions',
      summary:
        'Category → next category between consecutive responses of a respondent whose later response falls in from..to',
      query: transitionsParams,
      answers: { 200: { description: 'the 3×3 matrix with row shares', schema: 'Transitions', csv: true } },
    },
  },
};
