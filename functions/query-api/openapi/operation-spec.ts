import type * as z from 'zod';
import { RESPONSE_ID_PATTERN } from '../../../domain/submission';

/** One operation, described by what it takes and what it answers besides the answers every operation shares. */
export interface OperationSpec {
  operationId: string;
  summary: string;
  /** Query parameters (strict: an unknown one is a 400). */
  query?: z.ZodObject;
  /** The request body's component and the most bytes it may have. */
  body?: { schema: string; limitBytes: number };
  /** Success answers: status → description, component, and whether CSV is offered too. */
  answers: Record<number, { description: string; schema: string; csv?: boolean }>;
  /** Other problems this operation answers: status → when. */
  problems?: Record<number, string>;
  /** False for routes that touch no table (no 503). */
  usesDynamoDb?: boolean;
}

/** The `responseId` path parameter. */
export const responseIdParameter = {
  name: 'responseId',
  in: 'path',
  required: true,
  description: 'the client’s idempotency key of the response',
  schema: { type: 'string', pattern: RESPONSE_ID_PATTERN.source },
};
