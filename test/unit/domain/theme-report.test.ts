import { describe, expect, it } from 'vitest';
import { emptyHistogram } from '../../../domain/histogram';
import { themeReport } from '../../../domain/theme-report';

/** 10 promoters (score 10), 5 passives (8), 5 detractors (2); a fifth of them comment as below. */
const scores = () => {
  const h = emptyHistogram();
  h[10] = 10;
  h[8] = 5;
  h[2] = 5;
  return h;
};

const themes = [
  { id: 'price', label: 'Price' },
  { id: 'service', label: 'Service' },
  { id: 'quality', label: 'Quality' },
];

describe('theme report (values computed by hand)', () => {
  // commented: 4 promoters, 2 passives, 4 detractors; price named by 1 promoter and 3 detractors,
  // service by 3 promoters and 1 passive, quality by nobody
  const tallies = {
    'cm.p': 4,
    'cm.a': 2,
    'cm.d': 4,
    't.price.p': 1,
    't.price.d': 3,
    't.price.neg': 3,
    't.price.pos': 1,
    't.service.p': 3,
    't.service.a': 1,
    't.service.pos': 4,
  };
  const report = themeReport({ scores: scores(), tallies, themes });
  const price = report.themes.find((t) => t.theme === 'price')!;
  const service = report.themes.find((t) => t.theme === 'service')!;
  const quality = report.themes.find((t) => t.theme === 'quality')!;

  it('counts responses, comments and NPS', () => {
    expect(report).toMatchObject({ responses: 20, commented: 10, nps: 25 });
  });

  it('derives mentions, NPS among them, shares and sentiment', () => {
    expect(price).toMatchObject({ mentions: 4, promoters: 1, passives: 0, detractors: 3, npsAmongMentions: -50 });
    expect(price.shareOfComments).toBe(0.4);
    expect(price.shareOfDetractorComments).toBe(0.75);
    expect(price.sentiment).toEqual({ positive: 1, negative: 3, neutral: 0, mixed: 0 });
  });

  it('computes key-driver impact = NPS(all) − NPS(not mentioning), most harmful first, null last', () => {
    // all: (10 − 5)/20 = 25; without price: (9 − 2)/16 = 43.75 → −18.75
    expect(price.impact).toBe(-18.75);
    // without service: (7 − 5)/16 = 12.5 → +12.5
    expect(service.impact).toBe(12.5);
    // quality: nobody mentions it, NPS without it is NPS of all → 0
    expect(quality.impact).toBe(0);
    expect(report.themes.map((t) => t.theme)).toEqual(['price', 'quality', 'service']);
    expect(quality.npsAmongMentions).toBeNull();
    expect(quality.ci95).toBeNull();
  });

  it('answers null impacts (no responses) after the others', () => {
    const empty = themeReport({ scores: emptyHistogram(), tallies: {}, themes });
    expect(empty.themes.every((t) => t.impact === null)).toBe(true);
    expect(empty).toMatchObject({ responses: 0, commented: 0, nps: null });
  });
});
