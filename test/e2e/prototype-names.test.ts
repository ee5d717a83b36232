import { describe, expect, it } from 'vitest';
import { useTestStack } from '../support/stack';

const { stack, http } = useTestStack();
const at = '2026-11-20T10:15:00Z';

describe('segment names and values that look like object prototype properties', () => {
  it('are ordinary data everywhere: single and batch ingest, the bus, queries, the catalogue, CSV', async () => {
    expect(
      (
        await http.post('/v1/responses', {
          responseId: 'p-1',
          score: 2,
          submittedAt: at,
          segments: { constructor: 'x' },
        })
      ).status,
    ).toBe(202);
    const batch = await http.post('/v1/responses/batch', {
      responses: [
        { responseId: 'p-2', score: 9, submittedAt: at, segments: { region: 'eu' } },
        { responseId: 'p-3', score: 10, submittedAt: at, segments: { constructor: 'x', region: 'constructor' } },
        { responseId: 'p-4', score: 5, submittedAt: at, segments: { region: '__proto__' } },
        { responseId: 'p-5', score: 9, submittedAt: at, segments: JSON.parse('{"__proto__":"y"}') },
      ],
    });
    expect(batch.body.results.map((r: { status: string }) => r.status)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'rejected',
    ]);
    expect(batch.body.results[3].error.errors[0].path).toBe('segments.__proto__');
    await http.post('/local/events', {
      detailType: 'NpsResponseSubmitted',
      detail: { responseId: 'p-6', score: 8, submittedAt: at, segments: { constructor: 'toString' } },
    });
    await stack().settled();
    expect((await http.get('/local/dead-letters')).body.deadLetters).toEqual([]);
    expect((await http.get('/v1/responses/p-1')).body.segments).toEqual({ constructor: 'x' });
    expect(
      (
        await http.post('/v1/responses', {
          responseId: 'p-1',
          score: 2,
          submittedAt: at,
          segments: { constructor: 'x' },
        })
      ).status,
    ).toBe(200);
    expect(
      (await http.post('/v1/responses', { responseId: 'p-1', score: 2, submittedAt: at, segments: {} })).status,
    ).toBe(409);

    const range = 'from=2026-11-20&to=2026-11-20';
    expect((await http.get(`/v1/nps?segment=constructor:x&${range}`)).body.responses).toBe(2);
    expect((await http.get(`/v1/nps?segment=constructor:toString&${range}`)).body.responses).toBe(1);
    expect((await http.get(`/v1/nps?segment=region:__proto__&${range}`)).body.responses).toBe(1);
    expect((await http.get(`/v1/nps?segment=region:constructor&${range}`)).body.responses).toBe(1);
    // not a dimension name (camel case)
    expect((await http.get(`/v1/nps?segment=toString:x&${range}`)).status).toBe(400);
    expect((await http.get('/v1/segments')).body.dimensions).toEqual({
      constructor: ['toString', 'x'],
      region: ['__proto__', 'constructor', 'eu'],
    });
    const csv = (await http.get(`/v1/nps/timeseries?segment=constructor:x&granularity=day&${range}&format=csv`)).text;
    expect(csv.split('\r\n')[1]).toMatch(/^constructor:x,2026-11-20,2026-11-20,2,/);
  });
});
