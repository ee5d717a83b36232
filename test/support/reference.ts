import { expect } from 'vitest';

/**
 * An independent model of what the aggregates must be, computed straight from the
 * accepted responses' final states (not from deltas, not with the domain's helpers).
 */
export interface ModelResponse {
  score: number;
  submittedAt: string;
  segments: Record<string, string>;
  erased: boolean;
  /** The analysis summary of the current comment, when it has one. */
  analysis?: { sentiment: string; themes: Record<string, string>; terms?: { key: string }[] };
  /** Its follow-ups, in the order they were recorded. */
  followUps?: { status: string; at: string }[];
}

/** The segment keys a response counts in, written without the domain's helpers. */
export const segmentsOf = (segments: Record<string, string>, combinations: string[][]): string[] => {
  const keys = ['all', ...Object.entries(segments).map(([d, v]) => `${d}:${v}`)];
  for (const combo of combinations) {
    if (combo.every((d) => d in segments))
      keys.push(
        [...combo]
          .sort()
          .map((d) => `${d}:${segments[d]}`)
          .join(','),
      );
  }
  return keys;
};

/** The bucket of each granularity an instant falls in, written without the domain's helpers. */
const bucketsOf = (submittedAt: string): Record<string, string> => {
  const at = new Date(submittedAt);
  const iso = at.toISOString();
  const monday = new Date(at.getTime() - ((at.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
  return { hour: iso.slice(0, 13), day: iso.slice(0, 10), week: monday, month: iso.slice(0, 7) };
};

/**
 * Expected counters from the final state of each response: `segment|granularity|bucket`
 * → 11 score counts. Erased responses count nowhere.
 */
export const referenceCounters = (
  responses: Iterable<ModelResponse>,
  combinations: string[][],
): Map<string, number[]> => {
  const expected = new Map<string, number[]>();
  for (const response of responses) {
    if (response.erased) continue;
    for (const segment of segmentsOf(response.segments, combinations)) {
      for (const [granularity, bucket] of Object.entries(bucketsOf(response.submittedAt))) {
        const key = `${segment}|${granularity}|${bucket}`;
        const counts = expected.get(key) ?? new Array(11).fill(0);
        counts[response.score]++;
        expected.set(key, counts);
      }
    }
  }
  return expected;
};

const CATEGORY_LETTER = (score: number) => (score >= 9 ? 'p' : score >= 7 ? 'a' : 'd');
const POLARITY_WORD: Record<string, string> = { positive: 'pos', negative: 'neg', neutral: 'neu', mixed: 'mix' };

/** The tallies one commented response adds to each of its cells, spelled out as stored (the storage names). */
const talliesOfResponse = ({ score, analysis }: ModelResponse): Record<string, number> => {
  if (!analysis) return {};
  const c = CATEGORY_LETTER(score);
  const tallies: Record<string, number> = { [`cm.${c}`]: 1, [`cs.${POLARITY_WORD[analysis.sentiment]}`]: 1 };
  for (const [theme, polarity] of Object.entries(analysis.themes)) {
    tallies[`t.${theme}.${c}`] = 1;
    tallies[`t.${theme}.${POLARITY_WORD[polarity]}`] = 1;
  }
  return tallies;
};

/** Expected comment tallies per cell (`segment|granularity|bucket`), from the final states. */
export const referenceTallies = (
  responses: Iterable<ModelResponse>,
  combinations: string[][],
): Map<string, Record<string, number>> => {
  const expected = new Map<string, Record<string, number>>();
  const addTo = (key: string, tallies: Record<string, number>) => {
    const cell = expected.get(key) ?? {};
    for (const [name, value] of Object.entries(tallies)) cell[name] = (cell[name] ?? 0) + value;
    expected.set(key, cell);
  };
  for (const response of [...responses].filter((r) => !r.erased && r.analysis)) {
    const keys = segmentsOf(response.segments, combinations).flatMap((segment) =>
      Object.entries(bucketsOf(response.submittedAt)).map(
        ([granularity, bucket]) => `${segment}|${granularity}|${bucket}`,
      ),
    );
    for (const key of keys) addTo(key, talliesOfResponse(response));
  }
  return expected;
};

/**
 * Expected term counts from the final states: `segment|month|term key` → comments holding
 * the term, all and by category. Erased responses and replaced comments count nowhere.
 */
export const referenceTerms = (responses: Iterable<ModelResponse>, combinations: string[][]) => {
  const expected = new Map<string, { count: number; detractorCount: number; promoterCount: number }>();
  for (const response of [...responses].filter((r) => !r.erased && r.analysis?.terms)) {
    const c = CATEGORY_LETTER(response.score);
    for (const segment of segmentsOf(response.segments, combinations)) {
      for (const { key } of response.analysis!.terms!) {
        const id = `${segment}|${response.submittedAt.slice(0, 7)}|${key}`;
        const sum = expected.get(id) ?? { count: 0, detractorCount: 0, promoterCount: 0 };
        expected.set(id, {
          count: sum.count + 1,
          detractorCount: sum.detractorCount + Number(c === 'd'),
          promoterCount: sum.promoterCount + Number(c === 'p'),
        });
      }
    }
  }
  return expected;
};

/** segment → UTC hour (`YYYY-MM-DDTHH`) → 11 score counts. */
export type HourlyReference = Map<string, Map<string, number[]>>;

export const hourlyReference = (responses: Iterable<ModelResponse>, combinations: string[][]): HourlyReference => {
  const reference: HourlyReference = new Map();
  for (const [key, counts] of referenceCounters(responses, combinations)) {
    const [segment, granularity, hour] = key.split('|') as [string, string, string];
    if (granularity !== 'hour') continue;
    const hours = reference.get(segment) ?? new Map<string, number[]>();
    hours.set(hour, counts);
    reference.set(segment, hours);
  }
  return reference;
};

/** Counts of a segment over hours for which `include(hourKey)` holds. */
export const sumHours = (reference: HourlyReference, segment: string, include: (hour: string) => boolean): number[] => {
  const total = new Array(11).fill(0);
  for (const [hour, counts] of reference.get(segment) ?? []) {
    if (include(hour)) for (const [score, count] of counts.entries()) total[score] += count;
  }
  return total;
};

/** Checks an API aggregate against expected score counts: counts exact, NPS and interval to 1e-6. */
export const expectAggregateMatches = (actual: any, scores: number[], label: string) => {
  const n = scores.reduce((a, b) => a + b, 0);
  const p = scores[9]! + scores[10]!;
  const d = scores.slice(0, 7).reduce((a, b) => a + b, 0);
  expect(actual.scores, label).toEqual(scores);
  expect([actual.responses, actual.promoters, actual.detractors, actual.passives], label).toEqual([n, p, d, n - p - d]);
  if (n === 0) {
    expect([actual.nps, actual.ci95, actual.marginOfError, actual.promoterShare], label).toEqual([
      null,
      null,
      null,
      null,
    ]);
    return;
  }
  expect(Math.abs(actual.nps - (100 * (p - d)) / n), label).toBeLessThan(1e-6);
  const n2 = n + 3;
  const pp = (p + 0.75) / n2;
  const dd = (d + 0.75) / n2;
  const moe = 100 * 1.96 * Math.sqrt((pp + dd - (pp - dd) ** 2) / n2);
  expect(Math.abs(actual.marginOfError - moe), label).toBeLessThan(1e-6);
  expect(Math.abs(actual.ci95.low - Math.max(-100, 100 * (pp - dd) - moe)), label).toBeLessThan(1e-6);
  expect(Math.abs(actual.ci95.high - Math.min(100, 100 * (pp - dd) + moe)), label).toBeLessThan(1e-6);
  expect(Math.abs(actual.detractorShare - d / n), label).toBeLessThan(1e-9);
};
