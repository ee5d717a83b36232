import { describe, expect, it } from 'vitest';
import { useTestStack } from '../support/stack';
import { submitAll } from '../support/submit';

const { stack, http } = useTestStack();
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

describe('GET /v1/respondents/{id}/eligibility', () => {
  it('says whether a person may be surveyed again, from their latest response by submittedAt', async () => {
    const person = 'Jane Doe/jane@example.org';
    const responses = [
      // the latest by submittedAt arrives first: eligibility follows event time, not arrival
      { responseId: 'el-2', score: 8, submittedAt: ago(10), respondentId: person },
      { responseId: 'el-1', score: 3, submittedAt: ago(120), respondentId: person },
      { responseId: 'el-3', score: 9, submittedAt: ago(200), respondentId: 'cust-old' },
    ];
    await submitAll(http, responses);
    await stack().settled();
    const path = (id: string, query = '') => `/v1/respondents/${encodeURIComponent(id)}/eligibility${query}`;
    const latest = (await http.get(`/v1/responses/el-2`)).body.submittedAt;

    const recent = await http.get(path(person));
    expect(recent.status).toBe(200);
    expect(recent.body).toEqual({
      respondentId: person,
      eligible: false,
      lastSubmittedAt: latest,
      nextEligibleAt: new Date(Date.parse(latest) + 90 * DAY).toISOString(),
    });
    expect(Number(recent.headers.get('x-nps-items-read'))).toBe(2);
    expect((await http.get(path(person, '?minDays=7'))).body.eligible).toBe(true);
    expect((await http.get(path('cust-old'))).body).toMatchObject({ eligible: true });
    expect((await http.get(path('never-seen'))).body).toEqual({
      respondentId: 'never-seen',
      eligible: true,
      lastSubmittedAt: null,
      nextEligibleAt: null,
    });

    // erased, a person is as never seen
    expect((await http.delete(`/v1/respondents/${encodeURIComponent(person)}`)).status).toBe(202);
    await stack().settled();
    expect((await http.get(path(person))).body).toMatchObject({ eligible: true, lastSubmittedAt: null });
  });

  it('refuses a policy outside 1–730 days with the field path', async () => {
    for (const minDays of ['0', '731', 'x', '1.5']) {
      const answer = await http.get(`/v1/respondents/cust-1/eligibility?minDays=${minDays}`);
      expect(answer.status).toBe(400);
      expect(answer.body.errors.map((e: { path: string }) => e.path)).toEqual(['minDays']);
    }
  });
});
