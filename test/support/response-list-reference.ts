import { expect } from 'vitest';
import type { AnalysisOf, Sent } from './response-list-seed';
import type { api } from './stack';

type Http = ReturnType<typeof api>;
type Listed = Record<string, any>;

/**
 * An independent reference of `GET /v1/responses`: from what the tests sent (final states)
 * and the analyzer's answers, the responses a query lists, in order. Written from the
 * contract, sharing no code with the API.
 */
const categoryOf = (score: number) => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** A listed response as the reference expects it (`updatedAt` and `amendedAt` are the server's instants). */
export const expectedListed = (r: Sent, analyses: AnalysisOf): Listed => ({
  responseId: r.responseId,
  status: 'active',
  version: r.version,
  score: r.score,
  category: categoryOf(r.score),
  submittedAt: r.submittedAt,
  segments: r.segments,
  ...(r.comment !== undefined ? { comment: r.comment, analysis: analyses.get(r.responseId) } : {}),
  ...(r.respondentId !== undefined ? { respondentId: r.respondentId } : {}),
  // nobody followed these up: the loop is open for detractors only
  followUps: [],
  loop: { status: categoryOf(r.score) === 'detractor' ? 'open' : 'none', firstContactAt: null, resolvedAt: null },
});

/** What the reference compares of an answered item. */
export const comparable = ({ updatedAt, amendedAt, ...listed }: Listed) => {
  expect(typeof updatedAt).toBe('string');
  expect(amendedAt !== undefined, `${listed.responseId} amendedAt`).toBe(listed.version > 1);
  return listed;
};

const todayUtc = () => new Date().toISOString().slice(0, 10);
const daysBefore = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

type Check = (r: Sent, analysis: Record<string, any> | undefined) => boolean;

/** The check of one filter parameter, when the query gives it. */
const CHECKS: Record<string, (value: string) => Check> = {
  category: (value) => (r) => value.split(',').includes(categoryOf(r.score)),
  segment: (value) => {
    const [dimension, wanted] = value.split(':');
    return (r) => r.segments[dimension!] === wanted;
  },
  theme: (value) => (_, analysis) =>
    value.split(',').some((entry) => {
      const [theme, polarity] = entry.split(':');
      const mentioned = (analysis?.themes ?? []) as { theme: string; sentiment: string }[];
      return mentioned.some((t) => t.theme === theme && (polarity === undefined || t.sentiment === polarity));
    }),
  sentiment: (value) => (_, analysis) => value.split(',').includes(analysis?.sentiment?.label),
  language: (value) => (_, analysis) => value.split(',').includes(analysis?.language),
  hasComment: (value) => (r) => (r.comment !== undefined) === (value === 'true'),
  q: (value) => (r) => r.comment !== undefined && fold(r.comment).includes(fold(value)),
  respondentId: (value) => (r) => r.respondentId === value,
};

const bySubmission = (a: Sent, b: Sent) => {
  if (a.submittedAt !== b.submittedAt) return a.submittedAt < b.submittedAt ? -1 : 1;
  return a.responseId < b.responseId ? -1 : 1;
};

/** The responses a query string lists, in order, as the contract says. */
export const expectedPage = (sent: readonly Sent[], analyses: AnalysisOf, query: string): Listed[] => {
  const p = new URLSearchParams(query);
  const to = p.get('to') ?? todayUtc();
  const from = p.get('from') ?? daysBefore(to, 29);
  const checks = Object.entries(CHECKS).flatMap(([name, check]) => (p.has(name) ? [check(p.get(name)!)] : []));
  const inRange = (r: Sent) => r.submittedAt.slice(0, 10) >= from && r.submittedAt.slice(0, 10) <= to;
  const keep = (r: Sent) => !r.erased && inRange(r) && checks.every((check) => check(r, analyses.get(r.responseId)));
  const ordered = sent.filter(keep).sort(bySubmission);
  return (p.get('order') === 'newest' ? ordered.reverse() : ordered).map((r) => expectedListed(r, analyses));
};

/**
 * Walks every page of a query with its cursors (JSON, or CSV with `x-next-cursor`):
 * answers the items in order and the number of pages.
 */
export const walkPages = async (http: Http, query: string, { csv = false } = {}) => {
  const items: Listed[] = [];
  const texts: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const path = `/v1/responses?${query}${cursor ? `&cursor=${cursor}` : ''}${csv ? '&format=csv' : ''}`;
    const answer = await http.get(path);
    expect(answer.status, `${path}: ${answer.text.slice(0, 300)}`).toBe(200);
    if (csv) {
      texts.push(answer.text);
      cursor = answer.headers.get('x-next-cursor');
    } else {
      items.push(...answer.body.items);
      cursor = answer.body.nextCursor;
    }
    pages++;
    expect(pages, `${query}: pages`).toBeLessThan(20_000);
  } while (cursor);
  return { items, texts, pages };
};

/** A query's items in order, each once: every answered id is new. */
export const expectEachOnce = (items: Listed[], query: string) => {
  const ids = items.map((item) => item.responseId);
  expect(new Set(ids).size, `${query}: duplicates`).toBe(ids.length);
};

/** A text cell as the CSV writes it: one a spreadsheet would run as a formula gets a leading `'`. */
export const neutralised = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** Filter combinations a comment explorer asks for, over the whole history or a part of it. */
export const FILTER_TABLE = [
  'from=2025-05-01&to=2026-12-31',
  'from=2025-05-01&to=2026-12-31&order=newest',
  'from=2025-06-01&to=2026-12-01&category=detractor',
  'from=2025-06-01&to=2026-12-01&category=promoter,passive&order=newest',
  'from=2025-09-01&to=2026-08-31&theme=price',
  'from=2025-06-01&to=2026-12-01&theme=price:negative&category=detractor',
  'from=2025-06-01&to=2026-12-01&theme=service:positive,delay&order=newest',
  'from=2026-01-01&to=2026-06-30&sentiment=negative',
  'from=2026-01-01&to=2026-06-30&sentiment=positive,mixed&category=detractor',
  'from=2025-06-01&to=2026-12-01&language=fr&theme=quality',
  'from=2025-11-01&to=2026-02-28&language=en&hasComment=true',
  'from=2026-03-01&to=2026-05-31&hasComment=false',
  'from=2025-06-01&to=2026-12-01&hasComment=true&category=passive&segment=region:apac',
  'from=2025-06-01&to=2026-12-01&q=cher',
  'from=2025-06-01&to=2026-12-01&q=TRES%20AIMABLE',
  'from=2025-06-01&to=2026-12-01&q=%C3%A9&order=newest',
  'from=2025-06-01&to=2026-12-01&segment=region:eu&category=detractor',
  'from=2025-06-01&to=2026-12-01&segment=country:FR&theme=price&order=newest',
  'from=2026-02-10&to=2026-03-05&segment=plan:pro',
  'from=2025-12-31&to=2026-01-01',
  'from=2025-06-01&to=2026-12-01&respondentId=person-7',
  'from=2025-06-01&to=2026-12-01&respondentId=person-3&order=newest&category=detractor,promoter',
  'from=2025-06-01&to=2026-12-01&theme=communication:negative&sentiment=negative&language=fr,en',
  '', // the last 30 days
];

/**
 * Walks a query at each limit and checks its items against the reference: the same
 * responses, in order, each once. Answers how many it listed and the pages walked.
 */
export const expectWalksMatch = async (http: Http, expected: Listed[], query: string, limits: readonly number[]) => {
  let pages = 0;
  for (const limit of limits) {
    const walked = await walkPages(http, `${query}&limit=${limit}`);
    pages += walked.pages;
    expectEachOnce(walked.items, query);
    expect(walked.items.map(comparable), `${query} at limit ${limit}`).toEqual(expected);
  }
  return pages;
};
