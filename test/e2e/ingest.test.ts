import { describe, expect, it } from 'vitest';
import { submissionBody as body, expectProblem } from '../support/problems';
import { useTestStack } from '../support/stack';

const { http } = useTestStack();

describe('POST /v1/responses', () => {
  it('accepts a new response with 202', async () => {
    const response = await http.post('/v1/responses', body('e2e-1'));
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ responseId: 'e2e-1', status: 'accepted' });
  });

  it('answers an identical re-send with 200 duplicate, also after an amendment', async () => {
    await http.post('/v1/responses', body('e2e-2'));
    expect((await http.post('/v1/responses', body('e2e-2'))).body).toEqual({
      responseId: 'e2e-2',
      status: 'duplicate',
    });
    expect((await http.patch('/v1/responses/e2e-2', { score: 3, comment: 'changed my mind' })).status).toBe(202);
    const again = await http.post('/v1/responses', body('e2e-2'));
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('duplicate');
    // the same instant written with another offset is the same submission
    expect((await http.post('/v1/responses', body('e2e-2', { submittedAt: '2026-11-20T11:15:00+01:00' }))).status).toBe(
      200,
    );
  });

  it.each([
    ['score', { score: 8 }],
    ['submittedAt', { submittedAt: '2026-11-20T10:15:01Z' }],
    ['segments', { segments: { region: 'us' } }],
    ['comment', { comment: 'Great support!' }],
    ['respondentId', { respondentId: 'cust-43' }],
    ['a missing comment', { comment: undefined }],
  ])('answers 409 to the same id with a different %s', async (_, patch) => {
    const id = `e2e-conflict-${Math.random().toString(36).slice(2)}`;
    await http.post('/v1/responses', body(id));
    expectProblem(await http.post('/v1/responses', body(id, patch)), 409);
  });

  it('answers 410 for an erased id', async () => {
    await http.post('/v1/responses', body('e2e-3'));
    await http.delete('/v1/responses/e2e-3');
    expectProblem(await http.post('/v1/responses', body('e2e-3')), 410);
  });

  it('answers 413 above 64 KiB, 400 for non-JSON, 415 for another content type', async () => {
    expectProblem(
      await http.post('/v1/responses', JSON.stringify(body('e2e-big', { comment: 'x'.repeat(70_000) }))),
      413,
    );
    expectProblem(await http.post('/v1/responses', '{"responseId": "e2e-4",'), 400);
    expectProblem(
      await http.post('/v1/responses', 'responseId=e2e-4', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
    );
    expectProblem(await http.post('/v1/responses', new Uint8Array([0x7b, 0xff, 0x7d])), 400);
    expect((await http.get('/v1/responses/e2e-4')).status).toBe(404);
  });

  it('answers 400 with field paths for invalid fields and unknown fields', async () => {
    const response = await http.post(
      '/v1/responses',
      body('e2e-5', { score: 11, segments: { region: 'eu;drop' }, color: 'blue' }),
    );
    expectProblem(response, 400);
    expect(response.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'color',
      'score',
      'segments.region',
    ]);
    expect((await http.get('/v1/responses/e2e-5')).status).toBe(404);
  });

  it('accepts application/json with a charset and +json types', async () => {
    expect(
      (
        await http.post('/v1/responses', JSON.stringify(body('e2e-ct')), {
          'content-type': 'application/json; charset=utf-8',
        })
      ).status,
    ).toBe(202);
  });
});

describe('POST /v1/responses/batch', () => {
  it('answers each item in request order; one bad item never rejects the others', async () => {
    await http.post('/v1/responses', body('b-dup'));
    await http.post('/v1/responses', body('b-gone'));
    await http.delete('/v1/responses/b-gone');
    const response = await http.post('/v1/responses/batch', {
      responses: [
        body('b-1'),
        body('b-dup'),
        { ...body('b-bad'), score: 'ten' },
        body('b-dup', { score: 1 }),
        body('b-gone'),
        body('b-2'),
        'not an object',
        body('b-1'),
      ],
    });
    expect(response.status).toBe(200);
    expect(
      response.body.results.map((r: { responseId: string; status: string; error?: { status: number } }) => [
        r.responseId,
        r.status,
        r.error?.status,
      ]),
    ).toEqual([
      ['b-1', 'accepted', undefined],
      ['b-dup', 'duplicate', undefined],
      ['b-bad', 'rejected', 400],
      ['b-dup', 'rejected', 409],
      ['b-gone', 'rejected', 410],
      ['b-2', 'accepted', undefined],
      [null, 'rejected', 400],
      ['b-1', 'duplicate', undefined],
    ]);
    expect(response.body.results[2].error.errors).toEqual([{ path: 'score', message: expect.any(String) }]);
    expect((await http.get('/v1/responses/b-2')).status).toBe(200);
  });

  it('refuses an empty batch, more than 100 items, more than 1 MiB', async () => {
    expectProblem(await http.post('/v1/responses/batch', { responses: [] }), 400);
    expectProblem(
      await http.post('/v1/responses/batch', { responses: Array.from({ length: 101 }, (_, i) => body(`b-many-${i}`)) }),
      400,
    );
    expectProblem(
      await http.post('/v1/responses/batch', { responses: [body('b-huge', { comment: 'x'.repeat(1_100_000) })] }),
      413,
    );
    expectProblem(await http.post('/v1/responses/batch', { items: [] }), 400);
    expect((await http.get('/v1/responses/b-many-0')).status).toBe(404);
  });
});
