import { describe, expect, it } from 'vitest';
import { submissionBody as body, expectProblem } from '../support/problems';
import { api, startTestStack, useTestStack } from '../support/stack';

const { stack, http } = useTestStack();

describe('EventBridge inbound (local bus)', () => {
  it('ingests NpsResponseSubmitted like POST /v1/responses and dead-letters invalid ones with the reason', async () => {
    const put = await http.post('/local/events', { detailType: 'NpsResponseSubmitted', detail: body('eb-1') });
    expect(put.status).toBe(202);
    expect(put.body.id).toEqual(expect.any(String));
    await stack().settled(); // deliveries are asynchronous and unordered, as on EventBridge
    await http.post('/local/events', { detailType: 'NpsResponseSubmitted', detail: body('eb-2', { score: 'x' }) });
    await stack().settled();
    await http.post('/local/events', { detailType: 'NpsResponseSubmitted', detail: body('eb-1', { score: 0 }) });
    await stack().settled();
    expect((await http.get('/v1/responses/eb-1')).body.score).toBe(9);
    expect((await http.get('/v1/responses/eb-2')).status).toBe(404);
    const letters = (await http.get('/local/dead-letters')).body.deadLetters;
    expect(letters.map((l: { reason: string }) => l.reason)).toEqual(['invalid', 'conflict']);
    expect(letters[0].errors).toEqual([{ path: 'score', message: expect.any(String) }]);
    expect(letters[0].event.detail.responseId).toBe('eb-2');
  });

  it('lists events put on the bus, filtered by detail-type', async () => {
    const events = (await http.get('/local/events?detailType=NpsResponseSubmitted')).body.events;
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events[0]).toMatchObject({
      id: expect.any(String),
      source: expect.any(String),
      detailType: 'NpsResponseSubmitted',
      time: expect.any(String),
      detail: expect.any(Object),
    });
  });
});

describe('token (NPS_API_TOKEN)', () => {
  it('requires the bearer token on /v1 and /local but never on /healthz', async () => {
    const guarded = await startTestStack({ apiToken: 's3cret' });
    try {
      const anonymous = api(guarded.url);
      expectProblem(await anonymous.post('/v1/responses', body('t-1')), 401);
      expectProblem(await anonymous.post('/v1/responses', body('t-1'), { authorization: 'Bearer wrong' }), 401);
      expect((await anonymous.post('/v1/responses', body('t-1'), { authorization: 'Bearer s3cret' })).status).toBe(202);
      expect((await anonymous.get('/healthz')).status).toBe(200);
      expectProblem(await anonymous.get('/local/events'), 401);
      expect((await anonymous.get('/local/events', { authorization: 'Bearer s3cret' })).status).toBe(200);
    } finally {
      await guarded.stop();
    }
  });
});
