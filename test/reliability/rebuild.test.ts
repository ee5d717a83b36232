import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/stack';
import { scanAll } from '../support/items';
import { expectAggregateMatches, hourlyReference, type ModelResponse, sumHours } from '../support/reference';
import { referencePeople } from '../support/respondent-reference';
import { api, startTestStack } from '../support/stack';
import { submitAll } from '../support/submit';

const DAY = 86_400_000;
const COMBINATIONS = [['plan', 'region']];
let stack: LocalStack;
let http: ReturnType<typeof api>;
const model = new Map<string, ModelResponse>();
const respondentOf = new Map<string, string>();
let counter = 0;
let amended = 0;

const submitSome = async (count: number) => {
  const bodies = Array.from({ length: count }, () => {
    const i = counter++;
    return {
      responseId: `rb-${i}`,
      score: (i * 7) % 11,
      submittedAt: new Date(Date.now() - ((i * 7919) % (30 * DAY))).toISOString(),
      segments: {
        region: ['eu', 'us', 'apac'][i % 3]!,
        plan: ['free', 'pro'][i % 2]!,
        channel: ['email', 'web'][(i >> 1) % 2]!,
      },
      ...(i % 2 === 0 ? { comment: COMMENTS[i % COMMENTS.length] } : {}),
      ...(i % 3 !== 0 ? { respondentId: `rb-person-${i % 150}` } : {}),
    };
  });
  await submitAll(http, bodies);
  for (const { responseId, respondentId, score, submittedAt, segments } of bodies) {
    if (respondentId) respondentOf.set(responseId, respondentId);
    model.set(responseId, { score, submittedAt, segments, erased: false });
  }
};

/**
 * Comments of half the responses (every word with one written form, so the readable terms cannot differ by arrival
 * order).
 */
const COMMENTS = [
  'Slow delivery again',
  'Friendly staff, fair price',
  'Livraison rapide, merci',
  'Confusing checkout page',
  'Prix trop élevé',
];

/** Every answer a BI tool could ask for, for every segment: the state of the read model. */
const snapshot = async () => {
  const from = new Date(Date.now() - 35 * DAY).toISOString().slice(0, 10);
  const segments = [...hourlyReference(model.values(), COMBINATIONS).keys()].sort();
  const answers: unknown[] = [(await http.get('/v1/segments')).body];
  for (const segment of segments) {
    const s = encodeURIComponent(segment);
    answers.push((await http.get(`/v1/nps?segment=${s}&from=${from}`)).body);
    answers.push((await http.get(`/v1/nps/timeseries?segment=${s}&granularity=day&from=${from}`)).body);
    answers.push((await http.get(`/v1/nps/rolling?segment=${s}&window=7&from=${from}`)).body);
    answers.push((await http.get(`/v1/themes?segment=${s}&from=${from}`)).body);
    answers.push((await http.get(`/v1/themes/discover?segment=${s}&from=${from}`)).body);
    answers.push((await http.get(`/v1/transitions?segment=${s}&from=${from}`)).body);
  }
  answers.push(await respondents());
  return answers;
};

/** Every respondent view (the list, whole), by respondentId; `updatedAt` left out (a rebuild rewrites every view). */
const respondents = async () => {
  const views: { respondentId: string; updatedAt?: string }[] = [];
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const page: { items: typeof views; nextCursor: string | null } = (
      await http.get(`/v1/respondents?limit=1000${cursor ? `&cursor=${cursor}` : ''}`)
    ).body;
    views.push(...page.items);
    cursor = page.nextCursor;
  }
  expect(views.length).toBeGreaterThanOrEqual(100); // rb-person-1, -2, -4, … -149 at least
  return views
    .map(({ updatedAt: _updatedAt, ...view }) => view)
    .sort((a, b) => (a.respondentId < b.respondentId ? -1 : 1));
};

beforeAll(async () => {
  // the building phase must outlast the projector's 1 s batching window, so that chunks land in the journal
  stack = await startTestStack({ combinations: COMBINATIONS, rebuildSettleMs: 1_500 });
  http = api(stack.url, {}, { retryUnavailable: true });
  await submitSome(600);
  for (const id of [...model.keys()].slice(0, 120)) {
    if ((await http.patch(`/v1/responses/${id}`, { score: 10 })).status === 202) amended++;
    model.get(id)!.score = 10;
  }
  for (const id of [...model.keys()].slice(100, 160)) {
    expect([200, 202]).toContain((await http.delete(`/v1/responses/${id}`)).status);
    model.get(id)!.erased = true;
  }
  await stack.settled();
}, 120_000);
afterAll(() => stack?.stop());

describe('rebuild', () => {
  it('replays the event store into a fresh generation and leaves every query answer unchanged', async () => {
    const before = await snapshot();
    const response = await http.post('/local/rebuild', {});
    expect(response.status).toBe(200);
    expect(amended).toBeGreaterThan(100);
    const stored = (await scanAll(stack.dynamoDbEndpoint, stack.tables.events)).length;
    expect(stored).toBeGreaterThanOrEqual(600 + amended + 60);
    expect(response.body).toMatchObject({ generation: 2, previousGeneration: 1, responses: 600, events: stored });
    expect(response.body.deletedItems).toBeGreaterThan(0);
    expect(await snapshot()).toEqual(before);
    const leftovers = (await scanAll(stack.dynamoDbEndpoint, stack.tables.projections)).filter((item) =>
      /^(c|d|j|t|r|ra)#1(#|$)/.test(String(item.pk)),
    );
    expect(leftovers).toEqual([]);
  });

  // A steady trickle (about 60 responses/s), not a flood: on a loaded CI machine an unpaced loop
  // starved the rebuild past its timeout. The budget is generous for the same reason.
  it('loses and double-counts nothing when responses keep arriving during the rebuild', async () => {
    let running = true;
    const traffic = (async () => {
      while (running) {
        await submitSome(20);
        const id = `rb-${counter - 5}`;
        await http.patch(`/v1/responses/${id}`, { score: 0 });
        model.get(id)!.score = 0;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    })();
    const response = await http.post('/local/rebuild', {});
    running = false;
    await traffic;
    expect(response.body.generation).toBe(3);
    expect(response.body.journalEntries).toBeGreaterThan(0);
    await stack.settled();
    const reference = hourlyReference(model.values(), COMBINATIONS);
    const from = new Date(Date.now() - 40 * DAY).toISOString().slice(0, 10);
    for (const segment of reference.keys()) {
      const aggregate = (await http.get(`/v1/nps?segment=${encodeURIComponent(segment)}&from=${from}`)).body;
      expectAggregateMatches(
        aggregate,
        sumHours(reference, segment, (h) => h.slice(0, 10) >= from),
        segment,
      );
    }
    expect(model.size).toBeGreaterThan(620);
    // respondent views, journalled and projected during the rebuild: each as the responses now stand
    const people = referencePeople(
      [...model].map(([responseId, r]) => ({ ...r, responseId, respondentId: respondentOf.get(responseId) })),
    );
    const views = await respondents();
    expect(views.map((v) => v.respondentId)).toEqual([...people.keys()].sort());
    for (const view of views as {
      respondentId: string;
      responses: number;
      latest: { responseId: string; score: number };
    }[]) {
      const list = people.get(view.respondentId)!;
      expect([view.responses, view.latest.responseId, view.latest.score]).toEqual([
        list.length,
        list.at(-1)!.responseId,
        list.at(-1)!.score,
      ]);
    }
  }, 240_000);
});
