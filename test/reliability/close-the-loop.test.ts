import { describe, expect, it } from 'vitest';
import { readCsvWithDuckDb } from '../support/duck-csv';
import { expectedLoop, expectedOpen } from '../support/loop-reference';
import { DAY, day, END, type Planned, START, seedLoop } from '../support/loop-seed';
import { walkPages } from '../support/response-list-reference';
import { mapLimited, useTestStack } from '../support/stack';
import { submitAll } from '../support/submit';

const { stack, http } = useTestStack();

const post = async (r: Planned, followUp: Planned['planned'][number]) => {
  const { status, at, followUpId, note, by } = followUp;
  return http.post(`/v1/responses/${r.responseId}/follow-ups`, {
    followUpId,
    status,
    at,
    ...(note ? { note } : {}),
    ...(by ? { by } : {}),
  });
};

/** Compares an answer with the reference: counts exactly, shares and intervals to 12 digits. */
const expectClose = (actual: unknown, expected: unknown, path = ''): void => {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    expect(actual as number, path).toBeCloseTo(expected, 12);
  } else if (expected && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) expectClose((actual as any)[key], value, `${path}.${key}`);
  } else expect(actual, path).toEqual(expected);
};

const QUERIES = [
  ['all', day(START), day(END)],
  ['region:eu', day(START), day(END)],
  ['plan:pro', day(START + 30 * DAY), day(START + 75 * DAY)],
  ['region:apac', day(END - 40 * DAY), day(END)],
  ['all', day(START + 61 * DAY), day(START + 61 * DAY)],
] as const;

describe('close the loop', () => {
  const responses = seedLoop();

  it('answers /v1/loop as an independent reference computes it, and walks loop=open exactly', async () => {
    await submitAll(
      http,
      responses.map(({ responseId, score, submittedAt, segments, respondentId }) => ({
        responseId,
        score,
        submittedAt,
        segments,
        ...(respondentId ? { respondentId } : {}),
      })),
    );
    const followUps = responses.flatMap((r) => r.planned.map((f) => [r, f] as const));
    const answers = await mapLimited(followUps, 8, async ([r, f]) => (await post(r, f)).status);
    expect(answers.filter((status) => status !== 201)).toEqual([]);
    for (const [r, f] of followUps) r.followUps.push({ status: f.status, at: f.at });

    // re-sent follow-ups add nothing; the same id with other content is refused
    const resent = await mapLimited(followUps.slice(0, 50), 8, async ([r, f]) => (await post(r, f)).status);
    expect(new Set(resent)).toEqual(new Set([200]));
    const [r0, f0] = followUps[0]!;
    expect((await post(r0, { ...f0, status: 'wont_fix' })).status).toBe(409);

    // amendments move detractors out (and change recovery pairs); erasures take them out
    const detractors = responses.filter((r) => r.responseId.startsWith('d-'));
    for (const r of detractors.slice(0, 20)) {
      expect((await http.patch(`/v1/responses/${r.responseId}`, { score: 9 })).status).toBe(202);
      r.score = 9;
    }
    for (const r of detractors.slice(20, 40)) {
      expect((await http.delete(`/v1/responses/${r.responseId}`)).status).toBe(202);
      r.erased = true;
    }
    await stack().settled();

    const printed: string[] = [];
    for (const [segment, from, to] of QUERIES) {
      const answer = await http.get(`/v1/loop?segment=${segment}&from=${from}&to=${to}`);
      expect(answer.status).toBe(200);
      expectClose(answer.body, expectedLoop(responses, segment, from, to), `${segment} ${from}..${to}`);
      printed.push(
        `${segment} ${answer.body.detractors}/${answer.body.contacted}/${answer.body.recovery.contacted.answeredAgain}`,
      );
    }
    console.log(`loop: detractors/contacted/contacted answering again: ${printed.join(', ')}`);

    const open = await walkPages(http, `from=${day(START)}&to=${day(END)}&loop=open&limit=300&fields=responseId,loop`);
    expect(open.items.map((item) => item.responseId)).toEqual(expectedOpen(responses, day(START), day(END)));
    expect(new Set(open.items.map((item) => item.loop.status))).toEqual(new Set(['open']));
  }, 900_000);

  it('answers the same figures as CSV (DuckDB), one row per recovery group', async () => {
    const query = `segment=all&from=${day(START)}&to=${day(END)}`;
    const json = (await http.get(`/v1/loop?${query}`)).body;
    const rows = await readCsvWithDuckDb((await http.get(`/v1/loop?${query}&format=csv`)).text);
    expect(
      rows.map((row) => [row.group, Number(row.answeredAgain), Number(row.recovered), Number(row.detractors)]),
    ).toEqual([
      ['contacted', json.recovery.contacted.answeredAgain, json.recovery.contacted.recovered, json.detractors],
      ['notContacted', json.recovery.notContacted.answeredAgain, json.recovery.notContacted.recovered, json.detractors],
    ]);
    expect(Number(rows[0]!.medianHoursToFirstContact)).toBeCloseTo(json.medianHoursToFirstContact, 9);
  });

  it('shows follow-ups oldest first with their notes, and where the loop stands', async () => {
    const r = responses.find(
      (candidate) =>
        candidate.planned.length === 2 &&
        candidate.planned[1]!.status === 'no_answer' &&
        !candidate.erased &&
        candidate.score <= 6,
    )!;
    const view = (await http.get(`/v1/responses/${r.responseId}`)).body;
    expect(view.followUps.map((f: { status: string }) => f.status)).toEqual(['no_answer', 'contacted']);
    expect(view.loop).toEqual({ status: 'contacted', firstContactAt: r.planned[0]!.at, resolvedAt: null });
    const noted = responses.find((candidate) => candidate.planned[0]?.note && !candidate.erased)!;
    const listed = await http.get(
      `/v1/responses?from=${noted.submittedAt.slice(0, 10)}&to=${noted.submittedAt.slice(0, 10)}&fields=responseId,followUps`,
    );
    const item = listed.body.items.find((i: { responseId: string }) => i.responseId === noted.responseId);
    expect(item.followUps[0]).toMatchObject({ note: noted.planned[0]!.note, status: noted.planned[0]!.status });
  });

  it('refuses follow-ups of unknown, erased or mistaken responses with their field path', async () => {
    expect((await http.post('/v1/responses/nobody/follow-ups', { status: 'contacted' })).status).toBe(404);
    const erased = responses.find((r) => r.erased)!;
    expect((await http.post(`/v1/responses/${erased.responseId}/follow-ups`, { status: 'contacted' })).status).toBe(
      410,
    );
    const early = await http.post('/v1/responses/d-100/follow-ups', {
      status: 'contacted',
      at: '2001-01-01T00:00:00Z',
    });
    expect(early.status).toBe(400);
    expect(early.body.errors).toEqual([{ path: 'at', message: 'must not be before submittedAt' }]);
    const unknown = await http.post('/v1/responses/d-100/follow-ups', { status: 'phoned' });
    expect(unknown.body.errors.map((e: { path: string }) => e.path)).toEqual(['status']);
  });
});
