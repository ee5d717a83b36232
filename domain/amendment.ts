import * as z from 'zod';
import { formatInstant, instantWindowError } from './instant';
import { instantSchema, MAX_COMMENT_LENGTH, scoreSchema, textSchema } from './submission';
import { fieldErrorsOf, type Validated } from './validation';

/** The body of `PATCH /v1/responses/{responseId}`. */
export const amendmentBodySchema = z
  .strictObject({
    score: scoreSchema.optional(),
    comment: textSchema(MAX_COMMENT_LENGTH).optional(),
    amendedAt: instantSchema.optional(),
  })
  .refine((body) => body.score !== undefined || body.comment !== undefined, {
    error: 'must contain score or comment',
    path: [],
  });

export interface Amendment {
  score?: number;
  comment?: string;
  /** Canonical UTC instant; defaults to the time of the request. */
  amendedAt: string;
}

/**
 * Validates an amendment body; `amendedAt` defaults to `nowMs` and may not lie before
 * `submittedAt` nor more than 5 minutes ahead of `nowMs`.
 *
 * @example
 * parseAmendment({ score: 10 }, '2026-11-20T10:15:00.000Z', Date.parse('2026-11-23T12:00:00Z')); // { ok: true, value:
 * { score: 10, amendedAt: '2026-11-23T12:00:00.000Z' } }
 */
export const parseAmendment = (body: unknown, submittedAt: string, nowMs: number): Validated<Amendment> => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: [{ path: '', message: 'must be a JSON object' }] };
  }
  const parsed = amendmentBodySchema.safeParse(body);
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error) };
  const amendedAt = parsed.data.amendedAt ?? formatInstant(nowMs);
  const amendedAtMs = Date.parse(amendedAt);
  const windowError =
    instantWindowError(amendedAtMs, nowMs) ??
    (amendedAtMs < Date.parse(submittedAt) ? 'must not be before submittedAt' : undefined);
  if (windowError) return { ok: false, errors: [{ path: 'amendedAt', message: windowError }] };
  return { ok: true, value: { ...parsed.data, amendedAt } };
};
