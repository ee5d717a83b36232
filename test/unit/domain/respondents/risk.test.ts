import { describe, expect, it } from 'vitest';
import {
  directionOf,
  inEventTimeOrder,
  latestChange,
  type RespondentResponse,
} from '../../../../domain/respondents/history';
import {
  addExample,
  assessRisk,
  examplesOf,
  FALLBACK_DETRACTOR_RATE,
  type RiskTallies,
  riskProbability,
  SMOOTHING,
} from '../../../../domain/respondents/risk';
import { backtestRisk } from '../../../../domain/respondents/risk-backtest';
import { syntheticRespondents } from '../../../support/respondent-series';

const response = (
  id: string,
  score: number,
  day: number,
  commentSentiment?: RespondentResponse['commentSentiment'],
): RespondentResponse => ({
  responseId: id,
  score,
  submittedAt: new Date(Date.UTC(2026, 0, day)).toISOString(),
  segments: {},
  ...(commentSentiment ? { commentSentiment } : {}),
});

describe('respondent history', () => {
  it('orders by event time (a late arrival lands in its place), ties by responseId', () => {
    const ordered = inEventTimeOrder([response('c', 5, 3), response('b', 9, 1), response('a', 7, 1)]);
    expect(ordered.map((r) => r.responseId)).toEqual(['a', 'b', 'c']);
  });

  it('takes the latest by submittedAt, the one before, and the direction of the change', () => {
    expect(directionOf('promoter', 'passive')).toBe('down');
    expect(directionOf('detractor', 'passive')).toBe('up');
    const change = latestChange([response('late', 4, 20), response('old', 9, 2), response('mid', 10, 10)]);
    expect(change?.latest.responseId).toBe('late');
    expect(change?.previous?.responseId).toBe('mid');
    expect(change?.categoryChange).toBe('down');
    expect(latestChange([response('only', 8, 1)])?.categoryChange).toBeNull();
    expect(latestChange([])).toBeUndefined();
  });
});

describe('risk model', () => {
  it('falls back to 20% without history, then learns each context, smoothed towards coarser ones', () => {
    const context = { score: 7, category: 'passive' as const, direction: 'down' as const };
    expect(riskProbability({}, context)).toBeCloseTo(FALLBACK_DETRACTOR_RATE, 12);
    const tallies: RiskTallies = {};
    // 40 next responses in all, 8 detractors (base 0.2); 10 after a passive 7 that went down, 6 of them detractors
    for (let i = 0; i < 30; i++)
      addExample(tallies, { context: { score: 9, category: 'promoter', direction: 'same' }, nextIsDetractor: i < 2 });
    for (let i = 0; i < 10; i++) addExample(tallies, { context, nextIsDetractor: i < 6 });
    const base = 8 / 40;
    const category = (6 + SMOOTHING * base) / (10 + SMOOTHING);
    const categoryDirection = (6 + SMOOTHING * category) / (10 + SMOOTHING);
    const expected = (6 + SMOOTHING * categoryDirection) / (10 + SMOOTHING);
    expect(riskProbability(tallies, context)).toBeCloseTo(expected, 12);
    expect(riskProbability(tallies, { score: 9, category: 'promoter', direction: 'same' })).toBeLessThan(base);
    // taking the examples out again leaves nothing behind but zero tallies
    for (let i = 0; i < 10; i++) addExample(tallies, { context, nextIsDetractor: i < 6 }, -1);
    expect(tallies['s7.down']).toEqual({ responses: 0, detractors: 0 });
  });

  it('learns from consecutive pairs in event time', () => {
    const examples = examplesOf([response('c', 3, 9), response('a', 9, 1), response('b', 7, 5)]);
    expect(examples.map((e) => [e.context.score, e.context.direction, e.nextIsDetractor])).toEqual([
      [9, 'first', false],
      [7, 'down', true],
    ]);
  });

  it('flags a promoter or passive on a negative comment or a high probability, with the reasons', () => {
    const negative = assessRisk({ responses: [response('a', 10, 1), response('b', 7, 2, 'negative')], tallies: {} });
    expect(negative).toEqual({
      atRisk: true,
      probability: FALLBACK_DETRACTOR_RATE,
      reasons: ['category_down', 'score_drop', 'negative_comment'],
    });
    const calm = assessRisk({ responses: [response('a', 9, 1), response('b', 9, 2, 'positive')], tallies: {} });
    expect(calm).toEqual({ atRisk: false, probability: FALLBACK_DETRACTOR_RATE, reasons: [] });
    const byModel = assessRisk({ responses: [response('a', 8, 1)], tallies: {}, threshold: 0.2 });
    expect(byModel?.reasons).toEqual(['model']);
    const detractor = assessRisk({ responses: [response('a', 3, 1, 'negative')], tallies: {} });
    expect(detractor?.atRisk).toBe(false);
  });
});

describe('risk backtest', () => {
  it('judges every promoter or passive that has a successor, learning only from earlier outcomes', () => {
    const respondents = syntheticRespondents(300);
    const result = backtestRisk(respondents);
    const expected = respondents.flatMap((r) => {
      const ordered = inEventTimeOrder(r);
      return ordered.slice(0, -1).filter((x) => x.score >= 7);
    }).length;
    expect(result.predictions).toBe(expected);
    expect(result.ours.recall).toBeGreaterThan(0);
    // a threshold nobody reaches leaves only the negative-comment flags
    const strict = backtestRisk(respondents, 1.01);
    expect(strict.ours.flagged).toBe(strict.negativeCommentOnly.flagged);
  });
});
