import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAmendment } from '../../../domain/amendment';
import { isSameSubmission, parseSubmission } from '../../../domain/submission';
import { submissionArb, TEST_NOW } from '../../support/arbitraries';

const valid = {
  responseId: 'resp-0001',
  score: 9,
  submittedAt: '2026-11-20T10:15:00Z',
  segments: { region: 'eu', plan: 'pro' },
  comment: 'Great',
  respondentId: 'cust-42',
};
const errorsOf = (body: unknown) => {
  const result = parseSubmission(body, TEST_NOW);
  return result.ok ? [] : result.errors;
};

describe('parseSubmission', () => {
  it('accepts every valid body and normalises it to a fixed point', () => {
    fc.assert(
      fc.property(submissionArb, (body) => {
        const result = parseSubmission(body, TEST_NOW);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(Date.parse(result.value.submittedAt)).toBe(Date.parse(body.submittedAt));
        const again = parseSubmission(result.value, TEST_NOW);
        expect(again.ok && isSameSubmission(again.value, result.value)).toBe(true);
      }),
    );
  });

  it.each([
    ['responseId', { responseId: '-starts-with-dash' }],
    ['responseId', { responseId: 'x'.repeat(129) }],
    ['responseId', { responseId: 42 }],
    ['score', { score: 11 }],
    ['score', { score: -1 }],
    ['score', { score: 7.5 }],
    ['score', { score: '9' }],
    ['score', { score: null }],
    ['submittedAt', { submittedAt: '2026-11-20T10:15:00' }],
    ['submittedAt', { submittedAt: '2026-11-20' }],
    ['submittedAt', { submittedAt: '2026-02-30T10:00:00Z' }],
    ['submittedAt', { submittedAt: '1999-12-31T23:59:59Z' }],
    ['submittedAt', { submittedAt: '2026-11-23T12:05:01Z' }],
    ['segments', { segments: ['eu'] }],
    ['segments', { segments: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`d${i}`, 'v'])) }],
    ['segments.Region', { segments: { Region: 'eu' } }],
    ['segments.region', { segments: { region: '' } }],
    ['segments.region', { segments: { region: 'x'.repeat(65) } }],
    ['segments.region', { segments: { region: 'eu,us' } }],
    ['segments.region', { segments: { region: 3 } }],
    ['comment', { comment: 'x'.repeat(5001) }],
    ['comment', { comment: '\ud83d' }],
    ['respondentId', { respondentId: '' }],
    ['respondentId', { respondentId: 'x'.repeat(129) }],
    ['respondentId', { respondentId: '..' }],
    ['respondentId', { respondentId: ' \u200b\u202e\u0000' }],
    ['nickname', { nickname: 'unknown field' }],
  ])('rejects a bad %s with its path', (path, patch) => {
    expect(errorsOf({ ...valid, ...patch }).map((e) => e.path)).toContain(path);
  });

  it('says a failure once, though two checks fail with the same message', () => {
    expect(errorsOf({ ...valid, score: 1e308 })).toEqual([
      { path: 'score', message: 'must be an integer from 0 to 10' },
    ]);
  });

  it('accepts respondentIds with dots or blanks beside a visible character', () => {
    for (const respondentId of ['.a', 'a..', ' x ', 'jo\u200bhn', 'a@b.c / d'])
      expect(errorsOf({ ...valid, respondentId })).toEqual([]);
  });

  it('counts characters as code points: 5000 emoji are a valid comment', () => {
    expect(errorsOf({ ...valid, comment: '😀'.repeat(5000) })).toEqual([]);
    expect(errorsOf({ ...valid, segments: { city: '東'.repeat(64) } })).toEqual([]);
  });

  it('accepts the edge of the time window: 5 minutes ahead, 2000-01-01', () => {
    expect(errorsOf({ ...valid, submittedAt: '2026-11-23T12:05:00Z' })).toEqual([]);
    expect(errorsOf({ ...valid, submittedAt: '2000-01-01T00:00:00Z' })).toEqual([]);
  });

  it('refuses non-objects at the root', () => {
    for (const body of [null, [], 'x', 3, true])
      expect(errorsOf(body)).toEqual([{ path: '', message: 'must be a JSON object' }]);
  });

  it('reports every missing required field', () => {
    expect(
      errorsOf({})
        .map((e) => e.path)
        .sort(),
    ).toEqual(['responseId', 'score', 'submittedAt']);
  });
});

describe('isSameSubmission', () => {
  it('sees the same instant in another offset and another key order as the same', () => {
    const a = parseSubmission(valid, TEST_NOW);
    const b = parseSubmission(
      { ...valid, submittedAt: '2026-11-20T11:15:00+01:00', segments: { plan: 'pro', region: 'eu' } },
      TEST_NOW,
    );
    expect(a.ok && b.ok && isSameSubmission(a.value, b.value)).toBe(true);
  });

  it('sees any other field change as different', () => {
    const base = parseSubmission(valid, TEST_NOW);
    for (const patch of [
      { score: 8 },
      { comment: 'Great!' },
      { respondentId: 'cust-43' },
      { segments: { region: 'eu' } },
      { submittedAt: '2026-11-20T10:15:01Z' },
    ]) {
      const other = parseSubmission({ ...valid, ...patch }, TEST_NOW);
      expect(base.ok && other.ok && isSameSubmission(base.value, other.value), JSON.stringify(patch)).toBe(false);
    }
    const withoutComment = parseSubmission({ ...valid, comment: undefined }, TEST_NOW);
    expect(base.ok && withoutComment.ok && isSameSubmission(base.value, withoutComment.value)).toBe(false);
  });
});

describe('parseAmendment', () => {
  const submittedAt = '2026-11-20T10:15:00.000Z';
  it('needs score or comment, refuses unknown fields, defaults amendedAt to now', () => {
    expect(parseAmendment({}, submittedAt, TEST_NOW)).toEqual({
      ok: false,
      errors: [{ path: '', message: 'must contain score or comment' }],
    });
    expect(parseAmendment({ amendedAt: '2026-11-21T00:00:00Z' }, submittedAt, TEST_NOW).ok).toBe(false);
    expect(parseAmendment({ score: 3, why: 'x' }, submittedAt, TEST_NOW)).toMatchObject({
      ok: false,
      errors: [{ path: 'why' }],
    });
    expect(parseAmendment({ score: 3 }, submittedAt, TEST_NOW)).toEqual({
      ok: true,
      value: { score: 3, amendedAt: new Date(TEST_NOW).toISOString() },
    });
  });

  it('refuses an amendedAt before the submission', () => {
    expect(parseAmendment({ score: 3, amendedAt: '2026-11-19T00:00:00Z' }, submittedAt, TEST_NOW)).toMatchObject({
      ok: false,
      errors: [{ path: 'amendedAt' }],
    });
  });
});
