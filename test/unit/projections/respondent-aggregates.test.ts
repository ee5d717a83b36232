import { describe, expect, it } from 'vitest';
import { applyRespondentChange, createRespondentFold, MAX_VIEW_RESPONSES } from '../../../domain/respondents/changes';
import type { RespondentResponse } from '../../../domain/respondents/history';
import type { ResponseState } from '../../../domain/response';
import {
  aggregateKeysOf,
  aggregatesDelta,
  aggregatesOf,
  riskTalliesOf,
  transitionMatrix,
} from '../../../functions/projections/respondents/aggregates';

const response = (responseId: string, score: number, day: string, segments = { region: 'eu' }): RespondentResponse => ({
  responseId,
  score,
  submittedAt: `${day}T10:00:00.000Z`,
  segments,
});

const flat = (aggregates: Map<string, Map<string, number>>) =>
  Object.fromEntries(
    [...aggregates].flatMap(([item, attributes]) => [...attributes].map(([name, value]) => [`${item} ${name}`, value])),
  );

describe('respondent aggregates', () => {
  it(
    'counts each pair of consecutive responses on the later one’s day and month, per segment, and its risk ' +
      'example',
    () => {
      const aggregates = aggregatesOf([response('b', 3, '2026-03-02'), response('a', 9, '2026-02-10')], []);
      expect(flat(aggregates)).toEqual({
        'd|2026-03-02 t|all|promoter|detractor': 1,
        'm|2026-03 t|all|promoter|detractor': 1,
        'd|2026-03-02 t|region:eu|promoter|detractor': 1,
        'm|2026-03 t|region:eu|promoter|detractor': 1,
        'm|2026-03 k|s9.first|n': 1,
        'm|2026-03 k|s9.first|d': 1,
        'm|2026-03 k|promoter.first|n': 1,
        'm|2026-03 k|promoter.first|d': 1,
        'm|2026-03 k|promoter|n': 1,
        'm|2026-03 k|promoter|d': 1,
        'm|2026-03 k|all|n': 1,
        'm|2026-03 k|all|d': 1,
      });
    },
  );

  it('moves a late arrival into its place: the delta takes the old pair out and puts two in', () => {
    const before = [response('a', 9, '2026-02-10'), response('c', 3, '2026-03-20')];
    const after = applyRespondentChange(before, { set: [response('b', 7, '2026-03-01')], remove: [] });
    expect(after.map((r) => r.responseId)).toEqual(['a', 'b', 'c']);
    const delta = flat(aggregatesDelta(aggregatesOf(before, []), aggregatesOf(after, [])));
    expect(delta['d|2026-03-20 t|all|promoter|detractor']).toBe(-1);
    expect(delta['d|2026-03-01 t|all|promoter|passive']).toBe(1);
    expect(delta['d|2026-03-20 t|all|passive|detractor']).toBe(1);
    expect(Object.values(delta)).not.toContain(0);
  });

  it('sums matrices and risk tallies back from the items', () => {
    const aggregates = aggregatesOf(
      [response('a', 9, '2026-02-10'), response('b', 3, '2026-03-02'), response('c', 8, '2026-04-01')],
      [],
    );
    const items = [...aggregates]
      .filter(([item]) => item.startsWith('m|'))
      .map(([, attributes]) => Object.fromEntries(attributes));
    const matrix = transitionMatrix(items, 'all');
    expect(matrix.total).toBe(2);
    expect(matrix.rows.promoter.to.detractor).toEqual({ count: 1, share: 1 });
    expect(matrix.rows.detractor.to.passive).toEqual({ count: 1, share: 1 });
    expect(matrix.rows.passive.to.passive).toEqual({ count: 0, share: null });
    expect(riskTalliesOf(items).all).toEqual({ responses: 2, detractors: 1 });
    expect(riskTalliesOf(items)['s3.down']).toEqual({ responses: 1, detractors: 0 });
  });

  it('covers a range with whole months and the days of the months it cuts', () => {
    expect(aggregateKeysOf('2026-01-30', '2026-03-31')).toEqual([
      'd|2026-01-30',
      'd|2026-01-31',
      'm|2026-02',
      'm|2026-03',
    ]);
    expect(aggregateKeysOf('2026-02-03', '2026-02-04')).toEqual(['d|2026-02-03', 'd|2026-02-04']);
    expect(aggregateKeysOf('2024-01-01', '2025-12-31')).toHaveLength(24);
  });
});

describe('respondent changes', () => {
  const state = (responseId: string, score: number, extra: Partial<ResponseState> = {}): ResponseState => ({
    responseId,
    version: 1,
    status: 'active',
    score,
    submittedAt: '2026-03-01T10:00:00.000Z',
    segments: {},
    hasComment: false,
    hasRespondentId: true,
    respondent: { key: 'k1', id: 'crm-1' },
    ...extra,
  });

  it('keeps the last state of each response: set while live, taken out once erased or known by key only', () => {
    const fold = createRespondentFold();
    fold.add(undefined, state('a', 9));
    fold.add(undefined, state('b', 5));
    fold.add(state('b', 5), state('b', 5, { status: 'erased', respondent: { key: 'k1' } }));
    // its personal data is already an erasure's remnant
    fold.add(undefined, state('c', 7, { respondent: { key: 'k1' } }));
    fold.add(undefined, state('d', 7, { hasRespondentId: false, respondent: undefined }));
    expect(fold.changes()).toEqual([
      { key: 'k1', respondentId: 'crm-1', set: [expect.objectContaining({ responseId: 'a' })], remove: ['b', 'c'] },
    ]);
  });

  it('keeps the latest responses of a view up to its bound', () => {
    const day = (i: number) => new Date(Date.UTC(2023, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const many = Array.from({ length: MAX_VIEW_RESPONSES + 5 }, (_, i) => response(`r${i}`, 8, day(i))).reverse();
    const kept = applyRespondentChange([], { set: many, remove: [] });
    expect(kept).toHaveLength(MAX_VIEW_RESPONSES);
    expect([kept[0]!.responseId, kept.at(-1)!.responseId]).toEqual(['r5', `r${MAX_VIEW_RESPONSES + 4}`]);
  });
});
