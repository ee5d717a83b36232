import { HttpProblem } from './problems';

/** One media range of an `Accept` header with its quality. */
interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

const parseRange = (part: string): MediaRange | undefined => {
  const [range, ...params] = part.split(';').map((piece) => piece.trim());
  const [type, subtype] = (range ?? '').toLowerCase().split('/');
  if (!type || !subtype) return undefined;
  const qParam = params.find((param) => /^q\s*=/i.test(param));
  const q = qParam === undefined ? 1 : Number(qParam.split('=')[1]);
  return { type, subtype, q: Number.isFinite(q) ? Math.min(1, Math.max(0, q)) : 0 };
};

/** How specific a range matching a media type is (3 exact, 2 type/*, 1 *\/*), 0 when it does not match. */
const specificity = (range: MediaRange, mediaType: string): number => {
  const [type, subtype] = mediaType.split('/');
  if (range.type === type && range.subtype === subtype) return 3;
  if (range.type === type && range.subtype === '*') return 2;
  return range.type === '*' && range.subtype === '*' ? 1 : 0;
};

/** The quality an `Accept` header gives a media type: that of its most specific matching range (RFC 9110 §12.5.1). */
const qualityOf = (ranges: MediaRange[], mediaType: string): number => {
  let best = { specificity: 0, q: 0 };
  for (const range of ranges) {
    const s = specificity(range, mediaType);
    if (s > best.specificity) best = { specificity: s, q: range.q };
  }
  return best.q;
};

/**
 * The media type to answer with, from those offered (in the server's order of
 * preference), by the quality values of an `Accept` header; no header accepts the
 * first. A header that accepts none of them is a 406 problem.
 *
 * @example
 * negotiate('application/json, text/csv;q=0.1', ['application/json', 'text/csv']); // 'application/json'
 * negotiate('text/*', ['application/json', 'text/csv']); // 'text/csv'
 */
export const negotiate = <T extends string>(accept: string | undefined, offered: readonly T[]): T => {
  if (accept === undefined || accept.trim() === '') return offered[0]!;
  const ranges = accept.split(',').flatMap((part) => parseRange(part) ?? []);
  let chosen: { type: T; q: number } | undefined;
  for (const type of offered) {
    const q = qualityOf(ranges, type);
    if (q > 0 && (!chosen || q > chosen.q)) chosen = { type, q };
  }
  if (!chosen)
    throw new HttpProblem('not-acceptable', `None of ${offered.join(', ')} is acceptable to Accept: ${accept}.`);
  return chosen.type;
};
