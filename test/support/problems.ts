import { expect } from 'vitest';

/** A valid submission body with personal data, overridable field by field. */
export const submissionBody = (responseId: string, extra: Record<string, unknown> = {}) => ({
  responseId,
  score: 9,
  submittedAt: '2026-11-20T10:15:00Z',
  segments: { region: 'eu', plan: 'pro' },
  comment: 'Great support',
  respondentId: 'cust-42',
  ...extra,
});

/** Checks that an answer is an RFC 9457 problem document of the given status. */
export const expectProblem = (response: { status: number; headers: Headers; body: any }, status: number) => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(response.body).toMatchObject({
    type: expect.stringMatching(/^urn:nps:problem:/),
    title: expect.any(String),
    status,
    detail: expect.any(String),
  });
};
