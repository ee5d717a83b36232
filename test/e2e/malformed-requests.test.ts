import { describe, expect, it } from 'vitest';
import { expectProblem, submissionBody } from '../support/problems';
import { rawGet, rawRequest } from '../support/raw-http';
import { useTestStack } from '../support/stack';

/**
 * Requests no client should send, as a probe sends them: each is a 4xx problem document
 * decided before any work, and keeps nothing.
 */
const { stack, http } = useTestStack();
const port = () => Number(new URL(stack().url).port);

/** JSON text of objects nested `depth` levels (as text: `JSON.stringify` itself overflows the stack on it). */
const nested = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('malformed requests', () => {
  it.each(['[', 'a b', 'x:99999', '%', 'a:b:c'])(
    'answers Host %j with a 400 problem, before any route',
    async (host) => {
      const answer = await rawGet(port(), '/healthz', host);
      expect([answer.status, answer.headers['content-type']]).toEqual([400, 'application/problem+json']);
      expect(JSON.parse(answer.body).detail).toMatch(/Host/);
    },
  );

  it('answers an empty Host and a well-formed absolute-form target; refuses a malformed one', async () => {
    expect((await rawGet(port(), '/healthz', '')).status).toBe(200);
    expect((await rawGet(port(), 'http://localhost:3000/healthz')).status).toBe(200);
    for (const target of ['http://x:99999/healthz', 'http://[/healthz', '*', 'healthz']) {
      const answer = await rawGet(port(), target);
      expect([target, answer.status, answer.headers['content-type']]).toEqual([
        target,
        400,
        'application/problem+json',
      ]);
    }
    const twice = await rawRequest(port(), 'GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n');
    expect(twice.status).toBe(400);
  });

  it('reads paths as sent: // is not a host, dot segments are not collapsed', async () => {
    for (const target of ['//healthz', '//x/v1/nps', '/v1/nps/../segments']) {
      const answer = await rawGet(port(), target);
      expect([target, answer.status]).toEqual([target, 404]);
    }
    const dots = await rawGet(port(), '/v1/responses/..');
    expect([dots.status, JSON.parse(dots.body).errors]).toEqual([
      400,
      [{ path: 'responseId', message: 'not a valid responseId' }],
    ]);
  });

  it('refuses JSON nested deeper than 32 levels on every route that takes a body, keeping nothing', async () => {
    const deep = nested(5_000);
    const withDeep = (body: object, field: string) => `${JSON.stringify(body).slice(0, -1)},"${field}":${deep}}`;
    const submission = submissionBody('deep-1');
    expect((await http.post('/v1/responses', submissionBody('deep-patched'))).status).toBe(202);
    const refused = [
      await http.post('/local/events', withDeep({ detailType: 'Deep' }, 'detail')),
      await http.post('/v1/responses', withDeep({ ...submission, segments: undefined }, 'segments')),
      await http.post('/v1/responses/batch', `{"responses":[${deep}]}`),
      await http.patch('/v1/responses/deep-patched', withDeep({}, 'score').replace('{,', '{')),
      await http.post('/v1/analyze', `{"comments":[{"text":${deep}}]}`),
    ];
    for (const answer of refused) {
      expectProblem(answer, 400);
      expect(answer.body.errors).toEqual([{ path: '', message: 'nests objects and arrays more than 32 levels deep' }]);
    }
    expect((await http.get('/local/events')).status).toBe(200);
    expect((await http.get('/v1/responses/deep-1')).status).toBe(404);
    // 32 levels are read as usual (and refused as segments that are no strings)
    const deepest = await http.post(
      '/v1/responses',
      withDeep({ ...submission, segments: undefined }, 'segments').replace(deep, nested(31)),
    );
    expect(deepest.body.errors).toEqual([{ path: 'segments.a', message: expect.stringContaining('') }]);
  });

  it('refuses respondentIds a URL path cannot carry back, with the field path', async () => {
    for (const respondentId of ['.', '..', '....', '\u0000', '   ', '\u200b\u200c', '\u202e\u202c', '\t\n', '\ufeff']) {
      const answer = await http.post('/v1/responses', submissionBody('odd-id', { respondentId }));
      expectProblem(answer, 400);
      expect(answer.body.errors.map((e: { path: string }) => e.path)).toEqual(['respondentId']);
    }
    expect((await http.post('/v1/responses', submissionBody('odd-id', { respondentId: '.a.' }))).status).toBe(202);
  });

  it('says a number that is no score once', async () => {
    const answer = await http.post('/v1/responses', submissionBody('big-score', { score: 1e308 }));
    expect(answer.body.errors).toEqual([{ path: 'score', message: 'must be an integer from 0 to 10' }]);
  });
});
