import { describe, expect, it } from 'vitest';
import { submissionBody as body, expectProblem } from '../support/problems';
import { useTestStack } from '../support/stack';

const { http } = useTestStack();

describe('PATCH /v1/responses/{id}', () => {
  it('amends with 202, answers unchanged values with 200', async () => {
    await http.post('/v1/responses', body('p-1'));
    const amended = await http.patch('/v1/responses/p-1', { score: 4 });
    expect(amended.status).toBe(202);
    expect(amended.body).toEqual({ responseId: 'p-1', status: 'amended' });
    expect((await http.patch('/v1/responses/p-1', { score: 4 })).body).toEqual({
      responseId: 'p-1',
      status: 'unchanged',
    });
    expect((await http.patch('/v1/responses/p-1', { score: 4, comment: 'Great support' })).status).toBe(200);
    expect((await http.patch('/v1/responses/p-1', { comment: 'Slow support' })).status).toBe(202);
    const view = (await http.get('/v1/responses/p-1')).body;
    expect(view).toMatchObject({
      score: 4,
      category: 'detractor',
      comment: 'Slow support',
      version: 3,
      submittedAt: '2026-11-20T10:15:00.000Z',
    });
  });

  it('needs score or comment (400), knows unknown ids (404)', async () => {
    await http.post('/v1/responses', body('p-2'));
    expectProblem(await http.patch('/v1/responses/p-2', { amendedAt: '2026-11-21T00:00:00Z' }), 400);
    expectProblem(await http.patch('/v1/responses/p-2', {}), 400);
    expectProblem(await http.patch('/v1/responses/p-2', { score: 12 }), 400);
    expectProblem(await http.patch('/v1/responses/nobody', { score: 3 }), 404);
  });

  it('answers 410 for an erased response before any other check', async () => {
    await http.post('/v1/responses', body('p-3'));
    await http.delete('/v1/responses/p-3');
    expectProblem(await http.patch('/v1/responses/p-3', { score: 3 }), 410);
    expectProblem(await http.patch('/v1/responses/p-3', {}), 410);
    expectProblem(await http.patch('/v1/responses/p-3', 'not json'), 410);
    expectProblem(await http.patch('/v1/responses/p-3', 'x', { 'content-type': 'text/plain' }), 410);
  });
});

describe('DELETE and GET /v1/responses/{id}', () => {
  it('erases with 202, again with 200, unknown with 404', async () => {
    await http.post('/v1/responses', body('d-1'));
    expect(await http.delete('/v1/responses/d-1').then((r) => [r.status, r.body])).toEqual([
      202,
      { responseId: 'd-1', status: 'erased' },
    ]);
    expect(await http.delete('/v1/responses/d-1').then((r) => [r.status, r.body])).toEqual([
      200,
      { responseId: 'd-1', status: 'erased' },
    ]);
    expectProblem(await http.delete('/v1/responses/nobody'), 404);
  });

  it('shows current state and history, and no personal data once erased', async () => {
    await http.post('/v1/responses', body('g-1'));
    await http.patch('/v1/responses/g-1', { score: 6, amendedAt: '2026-11-21T08:00:00Z' });
    const before = await http.get('/v1/responses/g-1');
    expect(before.body).toMatchObject({
      responseId: 'g-1',
      status: 'active',
      score: 6,
      category: 'detractor',
      comment: 'Great support',
      respondentId: 'cust-42',
      amendedAt: '2026-11-21T08:00:00.000Z',
      segments: { plan: 'pro', region: 'eu' },
    });
    expect(before.body.history.map((e: { type: string }) => e.type)).toEqual(['ResponseSubmitted', 'ResponseAmended']);
    await http.delete('/v1/responses/g-1');
    const after = await http.get('/v1/responses/g-1');
    expect(after.body.status).toBe('erased');
    expect(after.body.history.map((e: { type: string }) => e.type)).toEqual([
      'ResponseSubmitted',
      'ResponseAmended',
      'ResponseErased',
    ]);
    expect(after.text).not.toContain('Great support');
    expect(after.text).not.toContain('cust-42');
  });

  it('refuses an id that cannot exist with 400, unknown paths with 404, wrong methods with 405', async () => {
    expectProblem(await http.get('/v1/responses/%20bad'), 400);
    expectProblem(await http.get('/v1/nothing-here'), 404);
    expectProblem(await http.call('PUT', '/v1/responses/x', {}), 405);
  });
});
