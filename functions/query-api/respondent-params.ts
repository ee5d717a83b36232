import * as z from 'zod';
import { formatInstant, parseInstant } from '../../domain/instant';
import { DEFAULT_MIN_DAYS, MAX_MIN_DAYS } from '../../domain/respondents/eligibility';
import { CATEGORIES } from '../../domain/score';
import { validationProblem } from '../shared/http';
import { npsParams } from './params';

/** Most views per page of `/v1/respondents`. */
export const MAX_RESPONDENT_PAGE = 1_000;

const format = npsParams.shape.format;
const segment = npsParams.shape.segment;

export const respondentListParams = z.strictObject({
  category: z
    .enum(CATEGORIES as ['detractor', 'passive', 'promoter'])
    .optional()
    .meta({ description: 'category of the latest response' }),
  atRisk: z
    .enum(['true', 'false'])
    .transform((text) => text === 'true')
    .optional()
    .meta({ description: 'true: only respondents at risk; false: only those not' }),
  segment: segment.meta({
    description: 'a segment the latest response counts in: `dimension:value` or a configured combination',
  }),
  updatedSince: z
    .string()
    .refine((text) => parseInstant(text) !== undefined, { error: 'must be an ISO-8601 date-time with offset' })
    .transform((text) => formatInstant(parseInstant(text)!))
    .optional()
    .meta({
      description: 'only views changed at or after this instant (CRM sync: the start of the last sync, minus a minute)',
    }),
  limit: z
    .string()
    .regex(/^([1-9][0-9]{0,2}|1000)$/u, { error: `must be a whole number from 1 to ${MAX_RESPONDENT_PAGE}` })
    .transform(Number)
    .default(100)
    .meta({ description: `views per page, 1–${MAX_RESPONDENT_PAGE} (default 100)` }),
  cursor: z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'the nextCursor of the previous page (of the same order)' }),
  order: z
    .enum(['oldest', 'newest'])
    .default('oldest')
    .meta({
      description:
        'oldest (default): least recently changed first, for CRM sync; newest: most recently changed first (not with ' +
        'updatedSince)',
    }),
  format,
});

export const transitionsParams = npsParams.extend({
  from: npsParams.shape.from.meta({
    description: 'first UTC day of the later responses (inclusive); default: to − 364 days',
  }),
});

const POSITION = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[A-Za-z0-9_-]{22}$/;

/** Order of the list: by when views last changed, oldest or newest first. */
export type ListOrder = 'oldest' | 'newest';

/** A list position as the opaque cursor clients pass back (a newest-first cursor says so). */
export const cursorOf = (position: string, order: ListOrder): string =>
  Buffer.from(JSON.stringify(order === 'newest' ? { p: position, o: 'n' } : { p: position })).toString('base64url');

/** The list position of a cursor; 400 (`cursor`) when it is not one this API gave for this order. */
export const positionOf = (cursor: string, order: ListOrder): string => {
  try {
    const { p, o } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { p?: unknown; o?: unknown };
    if (typeof p === 'string' && POSITION.test(p) && (o === 'n') === (order === 'newest')) return p;
  } catch {
    // not JSON: answered below
  }
  throw validationProblem([
    { path: 'cursor', message: 'not a cursor this API gave for this order (pass nextCursor back as it is)' },
  ]);
};

export const eligibilityParams = z.strictObject({
  minDays: z
    .string()
    .regex(/^[1-9][0-9]{0,2}$/u, { error: `must be a whole number of days from 1 to ${MAX_MIN_DAYS}` })
    .transform(Number)
    .refine((days) => days <= MAX_MIN_DAYS, { error: `must be a whole number of days from 1 to ${MAX_MIN_DAYS}` })
    .default(DEFAULT_MIN_DAYS)
    .meta({
      description: `days that must pass after a response before asking again, 1–${MAX_MIN_DAYS} (default ${DEFAULT_MIN_DAYS})`,
    }),
});
