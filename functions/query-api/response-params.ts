import * as z from 'zod';
import { LOOP_STATUSES } from '../../domain/follow-up';
import { formatInstant, parseInstant } from '../../domain/instant';
import { CATEGORIES, type Category } from '../../domain/score';
import { validationProblem } from '../shared/http';
import { npsParams } from './params';

/** Most responses per page of `GET /v1/responses`. */
export const MAX_RESPONSE_PAGE = 1_000;

/** Fields of a listed response `fields` may keep. */
export const RESPONSE_FIELDS = [
  'responseId',
  'status',
  'version',
  'score',
  'category',
  'submittedAt',
  'segments',
  'comment',
  'analysis',
  'respondentId',
  'amendedAt',
  'followUps',
  'loop',
  'updatedAt',
] as const;

const POLARITIES = ['positive', 'negative', 'neutral', 'mixed'] as const;

/** A comma list whose every entry matches `entry`, answered as a list. */
const commaList = (entry: RegExp, what: string) =>
  z
    .string()
    .refine((text) => text.split(',').every((part) => entry.test(part)), { error: `must be a comma list of ${what}` })
    .transform((text) => [...new Set(text.split(','))]);

export const responseListParams = z.strictObject({
  from: npsParams.shape.from.meta({ description: 'first UTC day of submittedAt (inclusive); default: to − 29 days' }),
  to: npsParams.shape.to,
  segment: npsParams.shape.segment.meta({
    description: 'a segment the response counts in: `dimension:value` or a configured combination',
  }),
  category: commaList(/^(promoter|passive|detractor)$/u, 'promoter, passive, detractor')
    .optional()
    .meta({ description: 'any of these categories, e.g. `detractor,passive`' }),
  theme: commaList(/^[a-z][a-z0-9_-]{0,39}(:(positive|negative|neutral|mixed))?$/u, 'theme or theme:polarity')
    .optional()
    .meta({ description: 'mentioning any of these themes: `price` (at all) or `price:negative` (with that polarity)' }),
  sentiment: commaList(/^(positive|negative|neutral|mixed)$/u, POLARITIES.join(', '))
    .optional()
    .meta({ description: "the comment's overall sentiment, any of these" }),
  language: commaList(/^(fr|en|und)$/u, 'fr, en, und')
    .optional()
    .meta({ description: "the comment's language, any of these" }),
  hasComment: z
    .enum(['true', 'false'])
    .transform((text) => text === 'true')
    .optional()
    .meta({ description: 'true: only responses with a comment; false: only those without' }),
  loop: commaList(/^(open|none|attempted|contacted|resolved|closed)$/u, LOOP_STATUSES.join(', '))
    .optional()
    .meta({ description: 'where the loop stands, any of these: `open` is a detractor nobody followed up yet' }),
  q: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'a case- and accent-insensitive substring of the comment' }),
  respondentId: z
    .string()
    .min(1)
    .max(128)
    .optional()
    .meta({ description: "one person's responses: reads theirs only" }),
  updatedSince: z
    .string()
    .refine((text) => parseInstant(text) !== undefined, { error: 'must be an ISO-8601 date-time with offset' })
    .transform((text) => formatInstant(parseInstant(text)!))
    .optional()
    .meta({
      description: 'every response changed at or after this instant, in change order, erased ones as tombstones',
    }),
  order: z
    .enum(['oldest', 'newest'])
    .default('oldest')
    .meta({ description: 'by submittedAt then responseId: oldest (default) or newest first' }),
  limit: z
    .string()
    .regex(/^([1-9][0-9]{0,2}|1000)$/u, { error: `must be a whole number from 1 to ${MAX_RESPONSE_PAGE}` })
    .transform(Number)
    .default(100)
    .meta({ description: `responses per page at most, 1–${MAX_RESPONSE_PAGE} (default 100)` }),
  cursor: z.string().max(400).optional().meta({ description: 'the nextCursor of the previous page of the same query' }),
  fields: commaList(new RegExp(`^(${RESPONSE_FIELDS.join('|')})$`, 'u'), RESPONSE_FIELDS.join(', '))
    .optional()
    .meta({ description: 'only these fields of each response, e.g. `responseId,score,submittedAt`' }),
  format: npsParams.shape.format,
});

export type ResponseListParams = z.infer<typeof responseListParams>;

/** What filters of a query a cursor belongs to: a short fingerprint, so that a cursor cannot resume another query. */
export const queryFingerprint = (params: Record<string, unknown>): string => {
  const { cursor: _c, limit: _l, fields: _f, format: _fo, ...query } = params;
  const text = JSON.stringify(Object.entries(query).sort(([a], [b]) => (a < b ? -1 : 1)));
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
  return hash.toString(36);
};

/** A position as the opaque cursor clients pass back. */
export const responseCursorOf = (position: string, fingerprint: string): string =>
  Buffer.from(JSON.stringify({ p: position, q: fingerprint })).toString('base64url');

/** The position of a cursor; 400 (`cursor`) when it is not one this API gave for this very query. */
export const responsePositionOf = (cursor: string, fingerprint: string): string => {
  try {
    const { p, q } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { p?: unknown; q?: unknown };
    if (typeof p === 'string' && p.length <= 300 && q === fingerprint) return p;
  } catch {
    // not JSON: answered below
  }
  throw validationProblem([
    { path: 'cursor', message: 'not a cursor this API gave for this query (pass nextCursor back as it is)' },
  ]);
};

/** The category partitions a query reads: those asked for, and only detractors' for `loop=open` alone. */
export const categoriesOf = (params: Pick<ResponseListParams, 'category' | 'loop'>): Category[] =>
  CATEGORIES.filter(
    (category) =>
      (!params.category || params.category.includes(category)) &&
      (!params.loop || params.loop.some((status) => status !== 'open') || category === 'detractor'),
  );
