import { describe, expect, it } from 'vitest';
import { readCsvWithDuckDb } from '../support/duck-csv';
import { amendAndErase, referenceOf, seedRespondents, submitSeeded } from '../support/respondent-seed';
import { mapLimited, useTestStack } from '../support/stack';

const { stack, http } = useTestStack();

const CATEGORIES = ['detractor', 'passive', 'promoter'];

/** The matrix reference aggregate lines add up to for a segment: counts and row shares. */
const expectedMatrix = (lines: string[], segment: string) => {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const [, attribute, value] = line.split(' ');
    counts.set(attribute!, (counts.get(attribute!) ?? 0) + Number(value));
  }
  const count = (from: string, to: string) => counts.get(`t|${segment}|${from}|${to}`) ?? 0;
  const rows = Object.fromEntries(
    CATEGORIES.map((from) => {
      const total = CATEGORIES.reduce((sum, to) => sum + count(from, to), 0);
      const to = Object.fromEntries(
        CATEGORIES.map((next) => [
          next,
          { count: count(from, next), share: total ? expect.closeTo(count(from, next) / total, 12) : null },
        ]),
      );
      return [from, { total, to }];
    }),
  );
  return { rows, total: CATEGORIES.reduce((sum, from) => sum + rows[from]!.total, 0) };
};

const withoutUpdatedAt = ({ updatedAt: _u, ...view }: Record<string, unknown>) => view;
const path = (id: string) => `/v1/respondents/${encodeURIComponent(id)}`;

/** Walks the list with its cursors; answers every item and the number of pages. */
const walk = async (query: string) => {
  const items: Record<string, any>[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const answer = await http.get(`/v1/respondents?${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(answer.status).toBe(200);
    items.push(...answer.body.items);
    cursor = answer.body.nextCursor;
    pages++;
  } while (cursor);
  return { items, pages };
};

describe('respondents', () => {
  const responses = seedRespondents();
  let reference: Awaited<ReturnType<typeof referenceOf>>;

  it('shows every respondent as a reference computed from the final states: latest by event time, change, average ' +
    'and risk', async () => {
    await submitSeeded(http, responses);
    await amendAndErase(http, responses);
    await stack().settled();
    reference = await referenceOf(http, responses);
    expect(reference.views.size).toBeGreaterThan(450);

    const ids = [...new Set(responses.flatMap((r) => (r.respondentId ? [r.respondentId] : [])))];
    const answers = await mapLimited(ids, 8, async (id) => ({ id, answer: await http.get(path(id)) }));
    for (const { id, answer } of answers) {
      const expected = reference.views.get(id);
      if (!expected) {
        expect(answer.status, id).toBe(404);
        continue;
      }
      expect(answer.status, id).toBe(200);
      const { risk, ...rest } = withoutUpdatedAt(answer.body) as { risk: { probability: number } };
      const { risk: expectedRisk, ...expectedRest } = expected;
      expect(rest, id).toEqual(expectedRest);
      expect(risk, id).toEqual({ ...expectedRisk, probability: expect.closeTo(expectedRisk.probability, 12) });
    }
    const atRisk = [...reference.views.values()].filter((v) => v.risk.atRisk).length;
    console.log(`respondents: ${reference.views.size} views equal the reference; ${atRisk} at risk`);
    expect(atRisk).toBeGreaterThan(0);
  }, 300_000); // 1,700 submissions, amendments, 500 reads: ~30 s alone, longer beside the fault schedules in CI

  it('lists every view once, walked with cursors (JSON and CSV read by DuckDB), and filters on the latest ' +
    'response', async () => {
    const json = await walk('limit=37');
    expect(json.pages).toBeGreaterThan(10);
    expect(json.items.map((v) => v.respondentId).sort()).toEqual([...reference.views.keys()].sort());
    for (const item of json.items)
      expect(withoutUpdatedAt(item).latest).toEqual(reference.views.get(item.respondentId)!.latest);

    const rows: Record<string, string | null>[] = [];
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const answer = await http.get(`/v1/respondents?format=csv&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      rows.push(...(await readCsvWithDuckDb(answer.text)));
      cursor = answer.headers.get('x-next-cursor');
    }
    expect(rows.map((r) => r.respondentId).sort()).toEqual([...reference.views.keys()].sort());
    for (const row of rows) {
      const view = reference.views.get(row.respondentId!)!;
      expect([row.latestScore, row.latestCategory, row.responses, row.atRisk]).toEqual([
        String(view.latest.score),
        view.latest.category,
        String(view.responses),
        String(view.risk.atRisk),
      ]);
    }

    const views = [...reference.views.values()];
    const filtered = async (query: string, keep: (v: (typeof views)[number]) => boolean) =>
      expect((await walk(`limit=1000&${query}`)).items.map((v) => v.respondentId).sort()).toEqual(
        views
          .filter(keep)
          .map((v) => v.respondentId)
          .sort(),
      );
    await filtered('category=promoter', (v) => v.latest.category === 'promoter');
    await filtered('atRisk=true', (v) => v.risk.atRisk);
    await filtered(
      'segment=region:eu&category=detractor',
      (v) => v.latest.segments.region === 'eu' && v.latest.category === 'detractor',
    );

    // newest first (the dashboard's close-the-loop list): the same views, in the reverse order, walked with its own
    // cursors
    const newest = await walk('limit=41&order=newest');
    expect(newest.pages).toBeGreaterThan(10);
    expect(newest.items.map((v) => v.respondentId)).toEqual(json.items.map((v) => v.respondentId).reverse());
    const detractors = await walk('limit=5&order=newest&category=detractor');
    expect(detractors.items.map((v) => v.respondentId)).toEqual(
      json.items
        .filter((v) => v.latest.category === 'detractor')
        .map((v) => v.respondentId)
        .reverse(),
    );
  }, 120_000);

  it(
    'answers the transitions matrix of consecutive responses as the reference, for a segment and a range cutting ' +
      'months',
    async () => {
      const expectMatrix = async (query: string, keep: (line: string) => boolean) => {
        const answer = await http.get(`/v1/transitions?${query}`);
        expect(answer.status).toBe(200);
        const expected = expectedMatrix(reference.aggregates.filter(keep), answer.body.segment);
        expect(answer.body.rows, query).toEqual(expected.rows);
        expect(answer.body.total).toBe(expected.total);
        return expected.total;
      };
      const days = (from: string, to: string) => (line: string) =>
        line.startsWith('d|') && line.slice(2, 12) >= from && line.slice(2, 12) <= to;
      expect(await expectMatrix('from=2025-06-01&to=2026-12-03', days('2025-06-01', '2026-12-03'))).toBeGreaterThan(
        500,
      );
      expect(
        await expectMatrix('segment=region:eu&from=2025-08-17&to=2026-03-09', days('2025-08-17', '2026-03-09')),
      ).toBeGreaterThan(50);
      const csv = await readCsvWithDuckDb(
        (await http.get('/v1/transitions?from=2025-06-01&to=2026-12-03&format=csv')).text,
      );
      expect(csv).toHaveLength(9);
    },
  );

  it('lists only the views changed since an instant (CRM sync)', async () => {
    const since = new Date().toISOString();
    const person = reference.views.keys().next().value!;
    const target = responses.find((r) => r.respondentId === person && !r.erased)!;
    target.score = target.score === 10 ? 0 : 10;
    expect((await http.patch(`/v1/responses/${target.responseId}`, { score: target.score })).status).toBe(202);
    await stack().settled();
    const changed = await walk(`updatedSince=${encodeURIComponent(since)}`);
    expect(changed.items.map((v) => v.respondentId)).toEqual([person]);
    expect(changed.items[0]!.updatedAt >= since).toBe(true);
  });

  it('refuses a malformed cursor, limit or filter with the field path', async () => {
    for (const [query, field] of [
      ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['category=fan', 'category'],
      ['atRisk=yes', 'atRisk'],
      ['updatedSince=yesterday', 'updatedSince'],
      ['segment=region', 'segment'],
      ['order=latest', 'order'],
      ['order=newest&updatedSince=2026-01-01T00:00:00Z', 'updatedSince'],
    ]) {
      const answer = await http.get(`/v1/respondents?${query}`);
      expect(answer.status, query).toBe(400);
      expect(
        answer.body.errors.map((e: { path: string }) => e.path),
        query,
      ).toContain(field);
    }
    expect((await http.get(`/v1/respondents/${'x'.repeat(129)}`)).status).toBe(400);
    expect((await http.get(path('nobody@example.org'))).status).toBe(404);
  });
});
