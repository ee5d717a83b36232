import { describe, expect, it } from 'vitest';
import { commentWriter } from '../support/comments';
import { readCsvWithDuckDb } from '../support/duck-csv';
import { seededRandom } from '../support/random';
import { referenceAggregates, referencePeople, referenceRiskTallies, referenceView } from '../support/respondent-reference';
import { mapLimited, useTestStack } from '../support/stack';

const { stack, http } = useTestStack();

const PEOPLE = 500;
const DAY_MS = 86_400_000;
const FIRST = Date.parse('2025-06-01T00:00:00Z');
const SPAN_DAYS = 548; // 18 months

interface Seeded {
  responseId: string;
  respondentId?: string;
  score: number;
  submittedAt: string;
  segments: Record<string, string>;
  comment?: string;
  erased: boolean;
}

/** Ids as CRMs have them: emails with spaces, paths with slashes, plain keys. */
const idOf = (i: number) => (i % 3 === 0 ? `person ${i}@example.org` : i % 3 === 1 ? `acct/${i}` : `crm-${i}`);

/** 500 people × 1–6 responses over 18 months, and 200 anonymous responses, in a shuffled order (late arrivals). */
const seed = (): Seeded[] => {
  const random = seededRandom(12);
  const write = commentWriter(random);
  const response = (responseId: string, respondentId: string | undefined): Seeded => {
    const score = Math.floor(random() * 11);
    return {
      responseId,
      ...(respondentId !== undefined ? { respondentId } : {}),
      score,
      submittedAt: new Date(FIRST + Math.floor(random() * SPAN_DAYS * DAY_MS)).toISOString(),
      segments: { region: random() < 0.5 ? 'eu' : 'us', plan: random() < 0.3 ? 'pro' : 'free' },
      ...(random() < 0.4 ? { comment: write({ language: random() < 0.5 ? 'fr' : 'en', score }) } : {}),
      erased: false,
    };
  };
  const all: Seeded[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const count = 1 + Math.floor(random() * 6);
    for (let k = 0; k < count; k++) all.push(response(`rs-${i}-${k}`, idOf(i)));
  }
  for (let k = 0; k < 200; k++) all.push(response(`anon-${k}`, undefined));
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all;
};

const submitAll = async (responses: Seeded[]) => {
  for (let i = 0; i < responses.length; i += 100) {
    const batch = responses.slice(i, i + 100).map(({ erased: _erased, ...r }) => r);
    const answer = await http.post('/v1/responses/batch', { responses: batch });
    expect(answer.body.results.every((result: { status: string }) => result.status === 'accepted')).toBe(true);
  }
};

/** Amends 10% (a new score, half of them a new comment) and erases 5% of the responses. */
const amendAndErase = async (responses: Seeded[]) => {
  const random = seededRandom(99);
  const write = commentWriter(random);
  await mapLimited(responses, 8, async (r) => {
    const roll = random();
    if (roll < 0.05) {
      expect((await http.delete(`/v1/responses/${r.responseId}`)).status).toBe(202);
      r.erased = true;
    } else if (roll < 0.15) {
      r.score = (r.score + 1 + Math.floor(random() * 10)) % 11; // another score: an amendment, not a no-op
      const comment = random() < 0.5 ? { comment: write({ language: 'en', score: r.score }) } : {};
      expect((await http.patch(`/v1/responses/${r.responseId}`, { score: r.score, ...comment })).status).toBe(202);
      if (comment.comment) r.comment = comment.comment;
    }
  });
};

/** The sentiment of every current comment, from the API's own analyzer. */
const sentiments = async (responses: Seeded[]) => {
  const commented = responses.filter((r) => r.comment !== undefined && !r.erased);
  const found = new Map<string, string>();
  for (let i = 0; i < commented.length; i += 100) {
    const page = commented.slice(i, i + 100);
    const answer = await http.post('/v1/analyze', { comments: page.map((r) => ({ text: r.comment })) });
    page.forEach((r, k) => found.set(r.responseId, answer.body.results[k].sentiment.label));
  }
  return found;
};

/** The reference: each person's view from the final states, and the transition and risk aggregates. */
const referenceOf = async (responses: Seeded[]) => {
  const sentimentOf = await sentiments(responses);
  const people = referencePeople(
    responses.map((r) => ({ ...r, ...(sentimentOf.has(r.responseId) ? { sentiment: sentimentOf.get(r.responseId) } : {}) })),
  );
  const aggregates = referenceAggregates(people, []);
  const tallies = referenceRiskTallies(aggregates);
  const views = new Map([...people].map(([id, list]) => [id, referenceView(id, list, tallies)]));
  return { people, aggregates, views };
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

describe('respondents (SPEC §7)', () => {
  const responses = seed();
  let reference: Awaited<ReturnType<typeof referenceOf>>;

  it('shows every respondent as a reference computed from the final states: latest by event time, change, average and risk', async () => {
    await submitAll(responses);
    await amendAndErase(responses);
    await stack().settled();
    reference = await referenceOf(responses);
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
  });

  it('lists every view once, walked with cursors (JSON and CSV read by DuckDB), and filters on the latest response', async () => {
    const json = await walk('limit=37');
    expect(json.pages).toBeGreaterThan(10);
    expect(json.items.map((v) => v.respondentId).sort()).toEqual([...reference.views.keys()].sort());
    for (const item of json.items) expect(withoutUpdatedAt(item).latest).toEqual(reference.views.get(item.respondentId)!.latest);

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
    await filtered('segment=region:eu&category=detractor', (v) => v.latest.segments.region === 'eu' && v.latest.category === 'detractor');
  });

  it('answers the transitions matrix of consecutive responses as the reference, for a segment and a range cutting months', async () => {
    const expectMatrix = async (query: string, keep: (line: string) => boolean) => {
      const answer = await http.get(`/v1/transitions?${query}`);
      expect(answer.status).toBe(200);
      const counts = new Map<string, number>();
      for (const line of reference.aggregates.filter(keep)) {
        const [, attribute, value] = line.split(' ');
        counts.set(attribute!, (counts.get(attribute!) ?? 0) + Number(value));
      }
      const segment = answer.body.segment;
      let total = 0;
      for (const from of ['detractor', 'passive', 'promoter']) {
        for (const to of ['detractor', 'passive', 'promoter']) {
          const expected = counts.get(`t|${segment}|${from}|${to}`) ?? 0;
          expect(answer.body.rows[from].to[to].count, `${query} ${from}→${to}`).toBe(expected);
          total += expected;
        }
      }
      expect(answer.body.total).toBe(total);
      return total;
    };
    const days = (from: string, to: string) => (line: string) =>
      line.startsWith('d|') && line.slice(2, 12) >= from && line.slice(2, 12) <= to;
    expect(await expectMatrix('from=2025-06-01&to=2026-12-03', days('2025-06-01', '2026-12-03'))).toBeGreaterThan(500);
    expect(await expectMatrix('segment=region:eu&from=2025-08-17&to=2026-03-09', days('2025-08-17', '2026-03-09'))).toBeGreaterThan(50);
    const csv = await readCsvWithDuckDb((await http.get('/v1/transitions?from=2025-06-01&to=2026-12-03&format=csv')).text);
    expect(csv).toHaveLength(9);
  });

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
