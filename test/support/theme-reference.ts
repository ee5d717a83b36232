import { expect } from 'vitest';
import { THEME_IDS } from './comments';

/**
 * An independent reference for the theme figures: recomputed from each response's final
 * score and its own analysis, with the formulas of docs/comment-analysis.md written out again (not the
 * production code's).
 */
export interface ReferenceResponse {
  score: number;
  /** Themes of the current comment's analysis with their polarity; undefined without a comment. */
  themes?: Record<string, string>;
}

const category = (score: number) => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');
const npsOf = (p: number, d: number, n: number) => (n ? (100 * (p - d)) / n : null);

export const referenceTheme = (responses: ReferenceResponse[], theme: string) => {
  const count = (filter: (r: ReferenceResponse) => boolean) => responses.filter(filter).length;
  const all = {
    n: responses.length,
    p: count((r) => category(r.score) === 'promoter'),
    d: count((r) => category(r.score) === 'detractor'),
  };
  const mentioning = responses.filter((r) => r.themes && theme in r.themes);
  const m = {
    n: mentioning.length,
    p: mentioning.filter((r) => category(r.score) === 'promoter').length,
    a: mentioning.filter((r) => category(r.score) === 'passive').length,
    d: mentioning.filter((r) => category(r.score) === 'detractor').length,
  };
  const commented = count((r) => r.themes !== undefined);
  const commentedDetractors = count((r) => r.themes !== undefined && category(r.score) === 'detractor');
  const allNps = npsOf(all.p, all.d, all.n);
  const restNps = npsOf(all.p - m.p, all.d - m.d, all.n - m.n);
  const polarity = (label: string) => mentioning.filter((r) => r.themes![theme] === label).length;
  return {
    responses: all.n,
    commented,
    mentions: m.n,
    promoters: m.p,
    passives: m.a,
    detractors: m.d,
    npsAmongMentions: npsOf(m.p, m.d, m.n),
    shareOfComments: commented ? m.n / commented : null,
    shareOfDetractorComments: commentedDetractors ? m.d / commentedDetractors : null,
    impact: allNps !== null && restNps !== null ? allNps - restNps : null,
    sentiment: {
      positive: polarity('positive'),
      negative: polarity('negative'),
      neutral: polarity('neutral'),
      mixed: polarity('mixed'),
    },
  };
};

/** A figure equal to the reference's, unrounded (to 10 decimals; null when the reference is). */
export const close = (actual: number | null, expected: number | null) =>
  expected === null ? expect(actual).toBeNull() : expect(actual).toBeCloseTo(expected, 10);

/**
 * Every theme of an answer equals the reference recomputed from each response's own analysis; impacts sorted ascending.
 */
export const expectThemes = (
  answer: { themes: Record<string, unknown>[]; responses: number; commented: number },
  reference: ReferenceResponse[],
) => {
  expect(answer.themes.map((t) => t.theme).sort()).toEqual([...THEME_IDS].sort());
  for (const figures of answer.themes) {
    const expected = referenceTheme(reference, figures.theme as string);
    expect(answer.responses).toBe(expected.responses);
    expect(answer.commented).toBe(expected.commented);
    for (const field of ['mentions', 'promoters', 'passives', 'detractors'] as const)
      expect(figures[field]).toBe(expected[field]);
    expect(figures.sentiment).toEqual(expected.sentiment);
    for (const field of ['npsAmongMentions', 'shareOfComments', 'shareOfDetractorComments', 'impact'] as const) {
      close(figures[field] as number | null, expected[field]);
    }
  }
  const impacts = answer.themes.map((t) => t.impact as number | null).filter((v) => v !== null);
  expect(impacts).toEqual([...impacts].sort((a, b) => a - b));
};
