import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ContentionError, DependencyUnavailableError, InvariantError } from '../../../functions/shared/errors';
import { HttpProblem, readJsonBody } from '../../../functions/shared/http';
import { PROBLEM_KINDS, problemOf } from '../../../functions/shared/problems';

const event = (body: string | Buffer, contentType = 'application/json'): APIGatewayProxyEventV2 =>
  ({
    headers: { 'content-type': contentType },
    body: Buffer.from(body).toString('base64'),
    isBase64Encoded: true,
  }) as unknown as APIGatewayProxyEventV2;

const problemFrom = (read: () => unknown): HttpProblem => {
  try {
    read();
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  throw new Error('no problem thrown');
};

describe('readJsonBody', () => {
  it('parses JSON under the limit, with +json and charset media types', () => {
    expect(readJsonBody(event('{"a":1}'), 100)).toEqual({ a: 1 });
    expect(readJsonBody(event('[1]', 'application/merge-patch+json; charset=utf-8'), 100)).toEqual([1]);
  });

  it('answers 415, 413, then 400 for an empty, non-UTF-8 or non-JSON body', () => {
    expect(problemFrom(() => readJsonBody(event('{}', 'text/plain'), 100)).status).toBe(415);
    expect(problemFrom(() => readJsonBody(event('x'.repeat(101)), 100)).status).toBe(413);
    expect(problemFrom(() => readJsonBody(event(''), 100)).errors).toEqual([
      { path: '', message: 'a JSON body is required' },
    ]);
    const notUtf8 = problemFrom(() => readJsonBody(event(Buffer.from([0x7b, 0xc3, 0x28, 0x7d])), 100));
    expect([notUtf8.status, notUtf8.cause]).toEqual([400, expect.any(Error)]);
    expect(problemFrom(() => readJsonBody(event('{"a":'), 100)).errors?.[0]?.message).toMatch(/^not valid JSON/);
  });
});

describe('problemOf (errors → HTTP, by family)', () => {
  it(
    'keeps an HttpProblem, answers retryable failures 503 with Retry-After, and anything else 500 without ' +
      'internals',
    () => {
      const notFound = new HttpProblem('not-found', 'No response r1.');
      expect(problemOf(notFound)).toBe(notFound);
      const unavailable = problemOf(new DependencyUnavailableError('DynamoDB is unavailable'));
      expect([unavailable.status, unavailable.kind, unavailable.headers['retry-after']]).toEqual([
        503,
        'unavailable',
        '1',
      ]);
      const contention = problemOf(new ContentionError('r1: too many concurrent changes'));
      expect([contention.status, contention.toProblem().type, contention.headers['retry-after']]).toEqual([
        503,
        'urn:nps:problem:contention',
        '1',
      ]);
      const bug = problemOf(new InvariantError('secret internals'));
      expect([bug.status, bug.detail.includes('secret')]).toEqual([500, false]);
      expect(problemOf('a string thrown').status).toBe(500);
    },
  );

  it('gives every kind a status and a title, and documents carry them', () => {
    for (const [kind, { status, title }] of Object.entries(PROBLEM_KINDS)) {
      expect(new HttpProblem(kind as keyof typeof PROBLEM_KINDS, 'x').toProblem()).toEqual({
        type: `urn:nps:problem:${kind}`,
        title,
        status,
        detail: 'x',
      });
    }
  });
});
