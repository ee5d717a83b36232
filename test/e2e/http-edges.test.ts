import { describe, expect, it } from 'vitest';
import { expectProblem } from '../support/problems';
import { api, startTestStack, useTestStack } from '../support/stack';

const { stack, http } = useTestStack();
const url = (path: string) => `${stack().url}${path}`;

describe('HEAD', () => {
  it('works wherever GET does: same status and headers, no body', async () => {
    for (const path of [
      '/healthz',
      '/v1/nps',
      '/v1/segments',
      '/v1/openapi.json',
      '/v1/nps/timeseries?granularity=week',
      '/local/events',
    ]) {
      const [get, head] = await Promise.all([fetch(url(path)), fetch(url(path), { method: 'HEAD' })]);
      await get.text();
      expect([head.status, head.headers.get('content-type')], path).toEqual([
        get.status,
        get.headers.get('content-type'),
      ]);
      expect(await head.text(), path).toBe('');
    }
    const missing = await fetch(url('/v1/responses/nobody'), { method: 'HEAD' });
    expect([missing.status, await missing.text()]).toEqual([404, '']);
  });
});

describe('request size limits', () => {
  it('answers an over-long request target with a 414 problem and over-large headers with a 431 problem', async () => {
    expectProblem(await http.get(`/v1/nps?segment=${'x'.repeat(9_000)}`), 414);
    expectProblem(await http.get('/v1/nps', { 'x-padding': 'y'.repeat(12_000) }), 431);
    const huge = await fetch(url('/v1/nps'), { headers: { 'x-padding': 'z'.repeat(80_000) } });
    expect([huge.status, huge.headers.get('content-type'), ((await huge.json()) as { type: string }).type]).toEqual([
      431,
      'application/problem+json',
      'urn:nps:problem:headers-too-large',
    ]);
  });
});

describe('Accept', () => {
  it('is negotiated with quality values; format= wins; nothing acceptable is a 406 problem', async () => {
    const typeFor = async (accept: string) => (await http.get('/v1/nps', { accept })).headers.get('content-type');
    expect(await typeFor('application/json, text/csv;q=0.1')).toBe('application/json');
    expect(await typeFor('application/json;q=0.2, text/csv')).toBe('text/csv; charset=utf-8');
    expect(await typeFor('text/*')).toBe('text/csv; charset=utf-8');
    expect(await typeFor('*/*')).toBe('application/json');
    expect(await typeFor('text/csv;q=0, */*;q=0.5')).toBe('application/json');
    expect((await http.get('/v1/nps?format=json', { accept: 'text/csv' })).headers.get('content-type')).toBe(
      'application/json',
    );
    expectProblem(await http.get('/v1/nps', { accept: 'text/html' }), 406);
    expectProblem(await http.get('/v1/segments', { accept: 'text/csv' }), 406);
  });
});

describe('query parameters', () => {
  it('are strict on every route alike: an unknown one is a 400 problem naming it', async () => {
    await http.post('/v1/responses', { responseId: 'q-1', score: 9, submittedAt: '2026-11-20T10:15:00Z' });
    const refused = await Promise.all([
      http.get('/v1/nps?nonsense=1'),
      http.get('/v1/segments?nonsense=1'),
      http.get('/healthz?nonsense=1'),
      http.get('/v1/responses/q-1?nonsense=1'),
      http.patch('/v1/responses/q-1?nonsense=1', { score: 3 }),
      http.delete('/v1/responses/q-1?nonsense=1'),
      http.post('/v1/responses?nonsense=1', { responseId: 'q-2', score: 9, submittedAt: '2026-11-20T10:15:00Z' }),
      http.get('/local/events?nonsense=1'),
    ]);
    for (const response of refused) {
      expectProblem(response, 400);
      expect(response.body.errors).toEqual([{ path: 'nonsense', message: 'unknown field' }]);
    }
    expect((await http.get('/v1/responses/q-1')).body.score).toBe(9);
    expect((await http.get('/v1/responses/q-2')).status).toBe(404);
  });
});

describe('bearer token', () => {
  it('accepts one or more spaces after the scheme, any case of the scheme (RFC 6750)', async () => {
    const guarded = await startTestStack({ apiToken: 's3cret' });
    try {
      const client = api(guarded.url);
      for (const authorization of ['Bearer s3cret', 'Bearer  s3cret', 'bearer   s3cret', 'BEARER s3cret ']) {
        expect((await client.get('/v1/segments', { authorization })).status, authorization).toBe(200);
      }
      for (const authorization of ['Bearers3cret', 'Bearer s3cret x', 'Basic s3cret', 'Bearer']) {
        expectProblem(await client.get('/v1/segments', { authorization }), 401);
      }
    } finally {
      await guarded.stop();
    }
  });
});
