import { describe, expect, it } from 'vitest';
import { readCsvWithDuckDb } from '../support/duck-csv';
import {
  comparable,
  expectedListed,
  expectedPage,
  expectWalksMatch,
  FILTER_TABLE,
  neutralised,
  walkPages,
} from '../support/response-list-reference';
import {
  type AnalysisOf,
  amendAndEraseSent,
  analysesOf,
  type Sent,
  seedResponseList,
  submitSent,
} from '../support/response-list-seed';
import { useTestStack } from '../support/stack';

const { stack, http } = useTestStack();

/** How far back a sync client resumes from the last `updatedAt` it saw (the margin docs/api.md advises). */
const SYNC_MARGIN_MS = 5 * 60_000;

/** A warehouse copy kept by following the change feed: upserts live responses, deletes tombstoned ones. */
const syncClient = () => {
  const copy = new Map<string, Record<string, any>>();
  let since = '1970-01-01T00:00:00Z';
  return {
    copy,
    sync: async () => {
      const { items, pages } = await walkPages(http, `updatedSince=${encodeURIComponent(since)}&limit=50`);
      for (const item of items) {
        if (item.status === 'erased') copy.delete(item.responseId);
        else copy.set(item.responseId, item);
      }
      const latest = items
        .map((item) => item.updatedAt as string)
        .sort()
        .at(-1);
      if (latest) since = new Date(Date.parse(latest) - SYNC_MARGIN_MS).toISOString();
      return { changes: items.length, tombstones: items.filter((i) => i.status === 'erased').length, pages };
    },
  };
};

/** The CSV row a listed response should read as (DuckDB, every cell text, empty ones null). */
const csvRowOf = (item: Record<string, any>) => {
  const text = (value: unknown) => (value === undefined ? null : String(value));
  const pairs = (list: [string, string][], separator: string) =>
    list.length ? list.map(([a, b]) => `${a}${separator}${b}`).join(';') : null;
  return {
    responseId: item.responseId,
    status: item.status,
    version: text(item.version),
    score: text(item.score),
    category: item.category,
    submittedAt: item.submittedAt,
    segments: pairs(Object.entries(item.segments), '='),
    comment: item.comment === undefined ? null : neutralised(item.comment),
    language: text(item.analysis?.language),
    sentiment: text(item.analysis?.sentiment.label),
    sentimentScore: text(item.analysis?.sentiment.score),
    themes: pairs(
      (item.analysis?.themes ?? []).map((t: any) => [t.theme, t.sentiment]),
      ':',
    ),
    respondentId: text(item.respondentId),
    amendedAt: text(item.amendedAt),
    loopStatus: item.loop.status,
    firstContactAt: text(item.loop.firstContactAt ?? undefined),
    resolvedAt: text(item.loop.resolvedAt ?? undefined),
    followUps: text(item.followUps.length),
    updatedAt: item.updatedAt,
  };
};

describe('GET /v1/responses', () => {
  const sent: Sent[] = seedResponseList(400, 5);
  let analyses: AnalysisOf;

  it('lists, for every filter combination, exactly the responses a reference computes from the final states, ' +
    'in order, each once, at limits 1, 7 and 1,000', async () => {
    await submitSent(http, sent);
    await amendAndEraseSent(http, sent, { amend: 0.12, erase: 0.05, seed: 8 });
    await stack().settled();
    analyses = await analysesOf(http, sent);
    expect(sent.filter((r) => r.erased).length).toBeGreaterThan(10);
    expect(sent.filter((r) => r.version > 1 && !r.erased).length).toBeGreaterThan(40);

    const listed: number[] = [];
    let pages = 0;
    for (const query of FILTER_TABLE) {
      const expected = expectedPage(sent, analyses, query);
      listed.push(expected.length);
      pages += await expectWalksMatch(http, expected, query, expected.length <= 25 ? [1000, 7, 1] : [1000, 7]);
    }
    console.log(`responses: ${FILTER_TABLE.length} queries listed ${listed.join('/')} responses in ${pages} pages`);
    // the table is not vacuous: most queries list something, and the filters narrow
    expect(listed.filter((n) => n > 0).length).toBeGreaterThanOrEqual(FILTER_TABLE.length - 2);
    expect(new Set(listed).size).toBeGreaterThan(15);
  }, 300_000);

  it('answers the same rows as CSV (a cursor in x-next-cursor), formulas neutralised', async () => {
    for (const query of [FILTER_TABLE[0]!, FILTER_TABLE[5]!, FILTER_TABLE[13]!]) {
      const json = (await walkPages(http, `${query}&limit=150`)).items;
      const { texts, pages } = await walkPages(http, `${query}&limit=150`, { csv: true });
      const rows = (await Promise.all(texts.map(readCsvWithDuckDb))).flat();
      expect(rows.length, query).toBe(json.length);
      if (query === FILTER_TABLE[0]) expect(pages).toBeGreaterThan(2);
      for (const [i, item] of json.entries()) expect(rows[i], item.responseId).toEqual(csvRowOf(item));
    }
    const formulas = (await walkPages(http, `${FILTER_TABLE[0]}&limit=1000`, { csv: true })).texts.join('');
    const planted = sent.filter((r) => !r.erased && r.comment?.startsWith('='));
    expect(planted.length).toBeGreaterThan(0);
    expect(formulas).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('keeps a sync client following updatedSince equal to the reference through amendments and erasures', async () => {
    const client = syncClient();
    const first = await client.sync();
    const live = () => sent.filter((r) => !r.erased);
    const expectCopyEqual = () => {
      const copied = [...client.copy.values()].map(comparable).sort((a, b) => (a.responseId < b.responseId ? -1 : 1));
      const expected = live()
        .map((r) => expectedListed(r, analyses))
        .sort((a, b) => (a.responseId < b.responseId ? -1 : 1));
      expect(copied).toEqual(expected);
    };
    expectCopyEqual();
    expect(first.tombstones).toBe(sent.length - live().length);

    await amendAndEraseSent(http, sent, { amend: 0.1, erase: 0.05, seed: 31 });
    await stack().settled();
    analyses = await analysesOf(http, sent);
    const second = await client.sync();
    expectCopyEqual();
    console.log(
      `sync: first ${first.changes} changes (${first.tombstones} tombstones) in ${first.pages} pages; ` +
        `then ${second.changes} changes from the resume point`,
    );
  }, 120_000);

  it('refuses what it cannot answer with a 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['updatedSince=2026-01-01T00:00:00Z&category=detractor', 'category'],
      ['updatedSince=yesterday', 'updatedSince'],
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['theme=price:angry', 'theme'],
      ['fields=responseId,password', 'fields'],
      ['from=2026-02-01&to=2026-01-01', 'from'],
    ];
    for (const [query, path] of cases) {
      const answer = await http.get(`/v1/responses?${query}`);
      expect(answer.status, query).toBe(400);
      expect(JSON.stringify(answer.body.errors), query).toContain(`"${path}"`);
    }
    const first = await http.get(`/v1/responses?${FILTER_TABLE[0]}&limit=1`);
    const cursor = first.body.nextCursor as string;
    const elsewhere = await http.get(`/v1/responses?${FILTER_TABLE[2]}&limit=1&cursor=${cursor}`);
    expect(elsewhere.status).toBe(400);
    expect(JSON.stringify(elsewhere.body.errors)).toContain('"cursor"');
  });

  it('keeps only the fields asked for', async () => {
    const answer = await http.get(`/v1/responses?${FILTER_TABLE[0]}&limit=5&fields=responseId,score`);
    expect(answer.body.items).toHaveLength(5);
    for (const item of answer.body.items) expect(Object.keys(item).sort()).toEqual(['responseId', 'score']);
  });
});
