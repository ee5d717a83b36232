import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/stack';
import { listTables, scanAll } from '../support/items';
import { api, startTestStack } from '../support/stack';
import { submitAll } from '../support/submit';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

/** Every table of this stack (they share its prefix), scanned in full. */
const scanEveryTable = async (): Promise<string> => {
  const prefix = stack.tables.events.slice(0, stack.tables.events.indexOf('Events'));
  const names = await listTables(stack.dynamoDbEndpoint, prefix);
  expect(names.length).toBeGreaterThanOrEqual(3);
  const items = await Promise.all(names.map((name) => scanAll(stack.dynamoDbEndpoint, name)));
  return JSON.stringify(items);
};

describe('erasure (GDPR art. 17)', () => {
  it('leaves no copy of the comment, respondentId or follow-up note and author in any table or the event log', async () => {
    const http = api(stack.url);
    const secrets = {
      comment: 'Please call me on +49 170 0000000',
      respondentId: 'cust-secret-777',
      amended: 'Actually, email me at me@example.com',
      note: 'Called Mrs Example at home, she will call back',
      by: 'agent.jane@example.com',
    };
    await http.post('/v1/responses', {
      responseId: 'gdpr-1',
      score: 2,
      submittedAt: '2026-11-20T10:15:00Z',
      segments: { region: 'eu' },
      comment: secrets.comment,
      respondentId: secrets.respondentId,
    });
    await http.patch('/v1/responses/gdpr-1', { comment: secrets.amended, score: 3 });
    const followUp = { status: 'contacted', note: secrets.note, by: secrets.by, at: '2026-11-21T09:00:00Z' };
    expect((await http.post('/v1/responses/gdpr-1/follow-ups', followUp)).status).toBe(201);
    await stack.settled();
    const before = await scanEveryTable();
    for (const secret of Object.values(secrets)) expect(before).toContain(secret);
    // FollowUpRecorded is published without its note and author
    const published = await http.get('/local/events?detailType=FollowUpRecorded');
    expect(published.body.events).toHaveLength(1);
    expect(published.text).not.toContain(secrets.note);
    expect(published.text).not.toContain(secrets.by);

    expect((await http.delete('/v1/responses/gdpr-1')).status).toBe(202);
    await stack.settled();
    const after = await scanEveryTable();
    for (const secret of Object.values(secrets)) expect(after).not.toContain(secret);
    const view = await http.get('/v1/responses/gdpr-1');
    for (const secret of Object.values(secrets)) expect(view.text).not.toContain(secret);
    const log = await http.get('/local/events');
    for (const secret of Object.values(secrets)) expect(log.text).not.toContain(secret);
  });
});

describe('erasure of a person (DELETE /v1/respondents/{id})', () => {
  it('erases all 300 responses of a person: 202 then 200, no trace of the id or a comment in any table, aggregates ' +
    'without them', async () => {
    const http = api(stack.url);
    const person = 'Jane Doe/jane.doe@example.org';
    const comment = (i: number) =>
      `Réponse ${i} de Jane : livraison lente, contactez-moi au 06 12 34 56 ${String(i).padStart(2, '0')}`;
    const responses = Array.from({ length: 300 }, (_, i) => ({
      responseId: `jane-${i}`,
      score: i % 11,
      submittedAt: new Date(Date.parse('2026-06-01T00:00:00Z') + i * 3_600_000).toISOString(),
      segments: { region: 'eu' },
      comment: comment(i),
      respondentId: person,
    }));
    await submitAll(http, responses);
    await http.post('/v1/responses', {
      responseId: 'other-1',
      score: 9,
      submittedAt: '2026-06-02T00:00:00Z',
      respondentId: 'someone-else',
    });
    await stack.settled();
    const path = `/v1/respondents/${encodeURIComponent(person)}`;
    expect((await http.get(path)).body.responses).toBe(300);
    const range = '?from=2026-06-01&to=2026-06-30';
    expect((await http.get(`/v1/nps${range}`)).body.responses).toBe(301);
    const before = await scanEveryTable();
    for (const trace of [person, comment(150)]) expect(before).toContain(trace);

    let erased = await http.delete(path);
    let retries = 0;
    for (; erased.status === 503 && retries < 10; retries++) erased = await http.delete(path); // safe to retry
    console.log(`person erasure: 300 responses, ${retries} retries after 503`);
    // a 503 may come after the last response was erased (a busy store): the retry then finds them gone, 200
    expect(retries ? [202, 200] : [202]).toContain(erased.status);
    expect(erased.body).toEqual({ respondentId: person, status: 'erased', responses: 300 });
    expect((await http.delete(path)).status).toBe(200);
    await stack.settled();

    expect((await http.get(path)).status).toBe(404);
    expect((await http.get(`/v1/nps${range}`)).body.responses).toBe(1);
    expect((await http.get('/v1/respondents/someone-else')).status).toBe(200);
    const tables = await scanEveryTable();
    expect(tables).not.toContain(person);
    expect(tables).not.toContain('jane.doe');
    for (const i of [0, 150, 299]) expect(tables).not.toContain(comment(i));
    expect(tables).not.toContain('livraison lente');
  }, 600_000);
});
