import { type Combination, segmentKeysOf } from '../../domain/segments';
import type { ListedResponse } from '../projections/responses/item';
import type { ResponseListParams } from './response-params';

/** Text as `q` compares it: no case, no accents (`Café` and `cafe` are one). */
export const folded = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** True when a response mentions one of the wanted themes (with the wanted polarity, when one is given). */
const mentions = (listed: ListedResponse, wanted: string[]) =>
  wanted.some((entry) => {
    const [theme, polarity] = entry.split(':');
    return (listed.analysis?.themes ?? []).some((t) => t.theme === theme && (!polarity || t.sentiment === polarity));
  });

type Filter = (listed: ListedResponse) => boolean;

/**
 * What a query keeps of the responses it reads: every filter given, combined with AND (a
 * comma list inside one filter is an OR). The category and the range are applied by the
 * index walk itself.
 */
export const responseFilter = (
  params: ResponseListParams,
  { segment, combinations }: { segment: string; combinations: readonly Combination[] },
): Filter => {
  const q = params.q === undefined ? undefined : folded(params.q);
  const checks: Filter[] = [
    ...(segment !== 'all'
      ? [(r: ListedResponse) => segmentKeysOf(r.segments ?? {}, combinations).includes(segment)]
      : []),
    ...(params.category ? [(r: ListedResponse) => params.category!.includes(r.category!)] : []),
    ...(params.theme ? [(r: ListedResponse) => mentions(r, params.theme!)] : []),
    ...(params.sentiment ? [(r: ListedResponse) => params.sentiment!.includes(r.analysis?.sentiment.label ?? '')] : []),
    ...(params.language ? [(r: ListedResponse) => params.language!.includes(r.analysis?.language ?? '')] : []),
    ...(params.hasComment !== undefined
      ? [(r: ListedResponse) => (r.comment !== undefined) === params.hasComment]
      : []),
    ...(q !== undefined ? [(r: ListedResponse) => r.comment !== undefined && folded(r.comment).includes(q)] : []),
    ...(params.respondentId !== undefined ? [(r: ListedResponse) => r.respondentId === params.respondentId] : []),
    ...(params.loop ? [(r: ListedResponse) => params.loop!.includes(r.loop?.status ?? '')] : []),
  ];
  return (listed) => listed.status === 'active' && checks.every((check) => check(listed));
};

/** A listed response with only the fields asked for (all of them when none are). */
export const trimmed = (listed: ListedResponse, fields: readonly string[] | undefined): Partial<ListedResponse> =>
  fields ? Object.fromEntries(Object.entries(listed).filter(([name]) => fields.includes(name))) : listed;

/** The CSV columns of a listed response, in order. */
export const RESPONSE_COLUMNS = [
  'responseId',
  'status',
  'version',
  'score',
  'category',
  'submittedAt',
  'segments',
  'comment',
  'language',
  'sentiment',
  'sentimentScore',
  'themes',
  'respondentId',
  'amendedAt',
  'loopStatus',
  'firstContactAt',
  'resolvedAt',
  'followUps',
  'updatedAt',
] as const;

type Column = (typeof RESPONSE_COLUMNS)[number];
type Cell = string | number | null;

const joined = (pairs: [string, string][] | undefined, separator: string) =>
  pairs ? pairs.map(([a, b]) => `${a}${separator}${b}`).join(';') : null;

/** How each CSV cell is read from a response: segments as `dimension=value;…`, themes as `theme:polarity;…`. */
const CELLS: Record<Column, (r: ListedResponse) => Cell | undefined> = {
  responseId: (r) => r.responseId,
  status: (r) => r.status,
  version: (r) => r.version,
  score: (r) => r.score,
  category: (r) => r.category,
  submittedAt: (r) => r.submittedAt,
  segments: (r) => joined(r.segments && Object.entries(r.segments), '='),
  comment: (r) => r.comment,
  language: (r) => r.analysis?.language,
  sentiment: (r) => r.analysis?.sentiment.label,
  sentimentScore: (r) => r.analysis?.sentiment.score,
  themes: (r) =>
    joined(
      r.analysis?.themes.map((t) => [t.theme, t.sentiment]),
      ':',
    ),
  respondentId: (r) => r.respondentId,
  amendedAt: (r) => r.amendedAt,
  loopStatus: (r) => r.loop?.status,
  firstContactAt: (r) => r.loop?.firstContactAt,
  resolvedAt: (r) => r.loop?.resolvedAt,
  followUps: (r) => r.followUps?.length,
  updatedAt: (r) => r.updatedAt,
};

/** Fields whose CSV columns have other names: the analysis' columns, the loop's. */
const COLUMNS_OF_FIELD: Record<string, readonly string[]> = {
  analysis: ['language', 'sentiment', 'sentimentScore', 'themes'],
  loop: ['loopStatus', 'firstContactAt', 'resolvedAt'],
};

/** The CSV columns a `fields` list keeps (`followUps` as their count). */
export const columnsOf = (fields: readonly string[] | undefined) =>
  RESPONSE_COLUMNS.filter(
    (column) =>
      !fields ||
      fields.includes(column) ||
      Object.entries(COLUMNS_OF_FIELD).some(([field, columns]) => columns.includes(column) && fields.includes(field)),
  );

/** One CSV row of a response, its cells in the order of `columns`. */
export const responseRow = (r: ListedResponse, columns: readonly Column[]): Cell[] =>
  columns.map((column) => CELLS[column](r) ?? null);
