import * as z from 'zod';
import { formatInstant, instantWindowError, parseInstant } from './instant';
import { MAX_SCORE, MIN_SCORE } from './score';
import {
  DIMENSION_PATTERN,
  MAX_SEGMENT_VALUE_LENGTH,
  MAX_SEGMENTS,
  SEGMENT_VALUE_PATTERN,
  type Segments,
} from './segments';
import {
  codePointLength,
  type FieldError,
  fieldErrorsOf,
  isPathAddressable,
  isWellFormed,
  PATH_ADDRESSABLE_MESSAGE,
  type Validated,
} from './validation';

export const RESPONSE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
export const MAX_COMMENT_LENGTH = 5000;
export const MAX_RESPONDENT_ID_LENGTH = 128;

/** A valid, normalised submission: what the event store compares and stores. */
export interface Submission {
  responseId: string;
  score: number;
  /** Canonical UTC instant, `2026-11-20T10:15:00.000Z`. */
  submittedAt: string;
  segments: Segments;
  comment?: string;
  respondentId?: string;
  /** The comment's language when the sender knows it (overrides detection). */
  language?: CommentLanguage;
}

/** Languages a sender may declare for a comment. */
export const commentLanguageSchema = z.enum(['fr', 'en']);
export type CommentLanguage = z.infer<typeof commentLanguageSchema>;

export const responseIdSchema = z.string().regex(RESPONSE_ID_PATTERN, {
  error: `must match ${RESPONSE_ID_PATTERN.source}`,
});

export const scoreSchema = z.int({ error: 'must be an integer from 0 to 10' }).min(MIN_SCORE).max(MAX_SCORE);

/** Bounded Unicode text: well-formed, at most `max` code points. */
export const textSchema = (max: number, min = 0) =>
  z
    .string()
    .refine(isWellFormed, { error: 'must be well-formed Unicode (no lone surrogates)', abort: true })
    .refine((text) => codePointLength(text) <= max, { error: `must be at most ${max} characters` })
    .refine((text) => codePointLength(text) >= min, { error: `must be at least ${min} character(s)` })
    .meta({ minLength: min, maxLength: max, description: `${min}–${max} Unicode characters (code points)` });

/** ISO-8601 date-time with offset, normalised to canonical UTC. */
export const instantSchema = z
  .string()
  .refine((text) => parseInstant(text) !== undefined, {
    error: 'must be an ISO-8601 date-time with offset, e.g. 2026-11-20T10:15:00Z',
  })
  .transform((text) => formatInstant(parseInstant(text)!))
  .meta({ format: 'date-time', description: 'ISO-8601 date-time with offset' });

/** Why a segment value is refused, or undefined when it is fine (checked after NFC normalisation). */
const segmentValueIssue = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return 'must be a string';
  if (!isWellFormed(value)) return 'must be well-formed Unicode (no lone surrogates)';
  const normalised = value.normalize('NFC');
  const length = codePointLength(normalised);
  if (length < 1 || length > MAX_SEGMENT_VALUE_LENGTH) return `must be 1 to ${MAX_SEGMENT_VALUE_LENGTH} characters`;
  if (!SEGMENT_VALUE_PATTERN.test(normalised)) return 'may contain only letters, digits, space and . _ / -';
  return undefined;
};

const segmentIssues = (raw: Record<string, unknown>): FieldError[] => {
  const errors: FieldError[] = [];
  const entries = Object.entries(raw);
  if (entries.length > MAX_SEGMENTS)
    errors.push({ path: 'segments', message: `must have at most ${MAX_SEGMENTS} entries` });
  for (const [dimension, value] of entries) {
    const message = DIMENSION_PATTERN.test(dimension)
      ? segmentValueIssue(value)
      : `dimension name must match ${DIMENSION_PATTERN.source}`;
    if (message) errors.push({ path: `segments.${dimension}`, message });
  }
  return errors;
};

const normaliseSegments = (raw: Record<string, string>): Segments =>
  Object.fromEntries(
    Object.keys(raw)
      .sort()
      .map((dimension) => [dimension, raw[dimension]!.normalize('NFC')]),
  );

const segmentsSchema = z
  .custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
    error: 'must be an object of dimension → value',
  })
  .superRefine((raw, ctx) => {
    for (const error of segmentIssues(raw)) {
      ctx.addIssue({ code: 'custom', message: error.message, path: error.path.split('.').slice(1) });
    }
  })
  .transform((raw) => normaliseSegments(raw as Record<string, string>))
  .meta({
    type: 'object',
    description: 'dimension → value; values are NFC-normalised',
    maxProperties: MAX_SEGMENTS,
    propertyNames: { pattern: DIMENSION_PATTERN.source },
    additionalProperties: {
      type: 'string',
      minLength: 1,
      maxLength: MAX_SEGMENT_VALUE_LENGTH,
      pattern: SEGMENT_VALUE_PATTERN.source,
    },
  });

/** The body of `POST /v1/responses` (one item of a batch), before the time-window check. */
export const submissionBodySchema = z.strictObject({
  responseId: responseIdSchema,
  score: scoreSchema,
  submittedAt: instantSchema,
  segments: segmentsSchema.optional(),
  comment: textSchema(MAX_COMMENT_LENGTH).optional(),
  respondentId: textSchema(MAX_RESPONDENT_ID_LENGTH, 1)
    .refine(isPathAddressable, { error: PATH_ADDRESSABLE_MESSAGE })
    .optional(),
  language: commentLanguageSchema.optional(),
});

const notAnObject = (body: unknown): FieldError[] =>
  typeof body === 'object' && body !== null && !Array.isArray(body)
    ? []
    : [{ path: '', message: 'must be a JSON object' }];

/**
 * Validates and normalises a submission body against every rule of the contract.
 * `nowMs` bounds `submittedAt` (at most 5 minutes ahead).
 *
 * @example
 * parseSubmission({ responseId: 'r1', score: 9, submittedAt: '2026-11-20T10:15:00Z' },
 * Date.parse('2026-11-23T12:00:00Z'));
 * // { ok: true, value: { responseId: 'r1', score: 9, submittedAt: '2026-11-20T10:15:00.000Z', segments: {} } }
 */
export const parseSubmission = (body: unknown, nowMs: number): Validated<Submission> => {
  const shapeErrors = notAnObject(body);
  if (shapeErrors.length) return { ok: false, errors: shapeErrors };
  const parsed = submissionBodySchema.safeParse(body);
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error) };
  const windowError = instantWindowError(Date.parse(parsed.data.submittedAt), nowMs);
  if (windowError) return { ok: false, errors: [{ path: 'submittedAt', message: windowError }] };
  const { segments = {}, ...rest } = parsed.data;
  return { ok: true, value: { ...rest, segments } };
};

/** True when two submissions are the same content (the idempotent re-send test). */
export const isSameSubmission = (a: Submission, b: Submission): boolean =>
  a.responseId === b.responseId &&
  a.score === b.score &&
  a.submittedAt === b.submittedAt &&
  a.comment === b.comment &&
  a.respondentId === b.respondentId &&
  a.language === b.language &&
  sameSegments(a.segments, b.segments);

const sameSegments = (a: Segments, b: Segments): boolean => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
};
