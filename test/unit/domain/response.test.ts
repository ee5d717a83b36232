import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../domain/events';
import { decideAmendment, foldResponse } from '../../../domain/response';

const at = '2026-11-20T10:15:00.000Z';
const submitted: StoredEvent = {
  type: 'ResponseSubmitted',
  schemaVersion: 1,
  responseId: 'r1',
  version: 1,
  recordedAt: at,
  data: {
    score: 3,
    submittedAt: at,
    segments: { region: 'eu', plan: 'pro' },
    hasComment: false,
    hasRespondentId: true,
  },
};
const amended: StoredEvent = {
  type: 'ResponseAmended',
  schemaVersion: 1,
  responseId: 'r1',
  version: 2,
  recordedAt: at,
  data: { score: 9, commentAmended: true, amendedAt: at },
};
const erased: StoredEvent = {
  type: 'ResponseErased',
  schemaVersion: 1,
  responseId: 'r1',
  version: 3,
  recordedAt: at,
  data: { erasedAt: at },
};

describe('foldResponse', () => {
  it('is undefined without events', () => expect(foldResponse([])).toBeUndefined());

  it('applies amendments on the original submission time and segments', () => {
    expect(foldResponse([submitted, amended])).toMatchObject({
      version: 2,
      status: 'active',
      score: 9,
      submittedAt: at,
      segments: { plan: 'pro', region: 'eu' },
      hasComment: true,
    });
  });

  it('ends in erased and forgets that there was personal data', () => {
    expect(foldResponse([submitted, amended, erased])).toMatchObject({
      version: 3,
      status: 'erased',
      hasComment: false,
      hasRespondentId: false,
      erasedAt: at,
    });
  });

  it('refuses a stream that does not start with a submission', () => {
    expect(() => foldResponse([amended])).toThrow(/before ResponseSubmitted/);
  });
});

describe('decideAmendment', () => {
  const state = foldResponse([submitted])!;
  it('is unchanged when nothing differs', () => {
    expect(decideAmendment(state, undefined, { score: 3, amendedAt: at })).toEqual({ kind: 'unchanged' });
    expect(decideAmendment(state, 'same', { comment: 'same', amendedAt: at })).toEqual({ kind: 'unchanged' });
  });

  it('records only what changed', () => {
    expect(decideAmendment(state, 'old', { score: 3, comment: 'new', amendedAt: at })).toEqual({
      kind: 'amend',
      comment: 'new',
      event: { type: 'ResponseAmended', schemaVersion: 1, data: { commentAmended: true, amendedAt: at } },
    });
    expect(decideAmendment(state, undefined, { score: 10, amendedAt: at })).toEqual({
      kind: 'amend',
      event: { type: 'ResponseAmended', schemaVersion: 1, data: { score: 10, commentAmended: false, amendedAt: at } },
    });
  });
});
