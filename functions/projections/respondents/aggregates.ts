import { bucketKeysOf } from '../../../domain/buckets';
import { inEventTimeOrder, type RespondentResponse } from '../../../domain/respondents/history';
import { contextKeys, examplesOf, type RiskTallies } from '../../../domain/respondents/risk';
import { CATEGORIES, type Category, categoryOf } from '../../../domain/score';
import { type Combination, segmentKeysOf } from '../../../domain/segments';
import { addDays, type Day, monthEnd, monthOf, monthStart, nextMonth } from '../../../domain/time';

/** The model of the day and month items respondents add up to. */
export const AGGREGATE_MODEL = 'respondent-aggregates';

/**
 * What respondents add up to across a deployment, kept in one item per day and one per
 * month (sort keys `d|YYYY-MM-DD`, `m|YYYY-MM`), their counts added to:
 * - `t|<segment>|<from>|<to>`: consecutive responses of a respondent (category → next
 *   category), counted on the day and month of the later one, in each of its segments
 *   (`/v1/transitions`);
 * - `k|<context>|n` and `k|<context>|d` (month items only): risk examples — next responses
 *   after a context, and how many were detractors — counted in the month of the next one.
 * A respondent's contribution is a pure function of their responses, so a change adds
 * `aggregatesOf(after) − aggregatesOf(before)`.
 */
export type Aggregates = Map<string, Map<string, number>>;

const bump = (aggregates: Aggregates, item: string, attribute: string, by: number) => {
  const attributes = aggregates.get(item) ?? new Map<string, number>();
  attributes.set(attribute, (attributes.get(attribute) ?? 0) + by);
  aggregates.set(item, attributes);
};

/** The contribution of one respondent's responses to the aggregates. */
export const aggregatesOf = (
  responses: readonly RespondentResponse[],
  combinations: readonly Combination[],
): Aggregates => {
  const aggregates: Aggregates = new Map();
  const ordered = inEventTimeOrder(responses);
  for (let i = 1; i < ordered.length; i++) {
    const later = ordered[i]!;
    const { day, month } = bucketKeysOf(Date.parse(later.submittedAt));
    const pair = `${categoryOf(ordered[i - 1]!.score)}|${categoryOf(later.score)}`;
    for (const segment of segmentKeysOf(later.segments, combinations)) {
      bump(aggregates, `d|${day}`, `t|${segment}|${pair}`, 1);
      bump(aggregates, `m|${month}`, `t|${segment}|${pair}`, 1);
    }
  }
  addRecovery(aggregates, ordered, combinations);
  for (const example of examplesOf(ordered)) {
    const month = `m|${bucketKeysOf(Date.parse(example.outcomeAt)).month}`;
    for (const key of [...contextKeys(example.context), 'all']) {
      bump(aggregates, month, `k|${key}|n`, 1);
      if (example.nextIsDetractor) bump(aggregates, month, `k|${key}|d`, 1);
    }
  }
  return aggregates;
};

/**
 * Recovery (`/v1/loop`): each detractor response followed by another of the same
 * respondent, counted on the day and month of the detractor in each of its segments:
 * `r|<segment>|<c or n>|a` (answered again) and `…|r` (the next one is passive or
 * promoter), `c` when first contacted no later than the next response was submitted.
 */
const addRecovery = (aggregates: Aggregates, ordered: RespondentResponse[], combinations: readonly Combination[]) => {
  for (let i = 1; i < ordered.length; i++) {
    const detractor = ordered[i - 1]!;
    if (categoryOf(detractor.score) === 'detractor') addFollowed(aggregates, detractor, ordered[i]!, combinations);
  }
};

/** One detractor response followed by the next one of its respondent. */
const addFollowed = (
  aggregates: Aggregates,
  detractor: RespondentResponse,
  next: RespondentResponse,
  combinations: readonly Combination[],
) => {
  const group = detractor.firstContactAt !== undefined && detractor.firstContactAt <= next.submittedAt ? 'c' : 'n';
  const recovered = categoryOf(next.score) !== 'detractor';
  const { day, month } = bucketKeysOf(Date.parse(detractor.submittedAt));
  for (const segment of segmentKeysOf(detractor.segments, combinations)) {
    for (const item of [`d|${day}`, `m|${month}`]) {
      bump(aggregates, item, `r|${segment}|${group}|a`, 1);
      if (recovered) bump(aggregates, item, `r|${segment}|${group}|r`, 1);
    }
  }
};

/** The recovery counts of one segment summed over aggregate items: [answered again, recovered] by group. */
export const recoveryOf = (items: readonly Record<string, number>[], segment: string) => {
  const sums = sumByName(items, `r|${segment}|`);
  const pair = (group: 'c' | 'n'): [number, number] => [sums.get(`${group}|a`) ?? 0, sums.get(`${group}|r`) ?? 0];
  return { contacted: pair('c'), notContacted: pair('n') };
};

/** Adds `more` (times `sign`) into `into`. */
const addSigned = (into: Aggregates, more: Aggregates, sign: 1 | -1) => {
  for (const [item, attributes] of more) for (const [name, value] of attributes) bump(into, item, name, sign * value);
  return into;
};

/** Leaves out zero attributes and the items left empty. */
const withoutZeros = (aggregates: Aggregates): Aggregates =>
  new Map(
    [...aggregates]
      .map(([item, attributes]): [string, Map<string, number>] => [
        item,
        new Map([...attributes].filter(([, value]) => value !== 0)),
      ])
      .filter(([, attributes]) => attributes.size > 0),
  );

/** `after − before`, zero changes and unchanged items left out. */
export const aggregatesDelta = (before: Aggregates, after: Aggregates): Aggregates =>
  withoutZeros(addSigned(addSigned(new Map(), after, 1), before, -1));

/** Adds `more` into `into` (for coalescing the changes of several respondents into one write per item). */
export const addAggregates = (into: Aggregates, more: Aggregates): Aggregates => addSigned(into, more, 1);

/** Sums, over items, the attributes whose name starts with `prefix`, by the rest of their name. */
const sumByName = (items: readonly Record<string, number>[], prefix: string): Map<string, number> => {
  const sums = new Map<string, number>();
  for (const item of items) {
    for (const [name, value] of Object.entries(item)) {
      if (name.startsWith(prefix))
        sums.set(name.slice(prefix.length), (sums.get(name.slice(prefix.length)) ?? 0) + value);
    }
  }
  return sums;
};

/** The 3×3 matrix of category → next category: counts and row shares. */
export interface TransitionMatrix {
  total: number;
  rows: Record<Category, { total: number; to: Record<Category, { count: number; share: number | null }> }>;
}

/** The transitions of one segment, summed over aggregate items (attribute maps). */
export const transitionMatrix = (items: readonly Record<string, number>[], segment: string): TransitionMatrix => {
  const counts = sumByName(items, `t|${segment}|`);
  const row = (from: Category) => {
    const total = CATEGORIES.reduce((sum, to) => sum + (counts.get(`${from}|${to}`) ?? 0), 0);
    const to = Object.fromEntries(
      CATEGORIES.map((next) => {
        const count = counts.get(`${from}|${next}`) ?? 0;
        return [next, { count, share: total ? count / total : null }];
      }),
    ) as Record<Category, { count: number; share: number | null }>;
    return { total, to };
  };
  const rows = Object.fromEntries(CATEGORIES.map((from) => [from, row(from)])) as TransitionMatrix['rows'];
  return { total: CATEGORIES.reduce((sum, from) => sum + rows[from].total, 0), rows };
};

/** The risk model's tallies, summed over month items. */
export const riskTalliesOf = (items: readonly Record<string, number>[]): RiskTallies => {
  const tallies: RiskTallies = {};
  for (const [name, value] of sumByName(items, 'k|')) {
    const key = name.slice(0, -2);
    const tally = tallies[key] ?? { responses: 0, detractors: 0 };
    if (name.endsWith('|n')) tally.responses += value;
    else tally.detractors += value;
    tallies[key] = tally;
  }
  return tallies;
};

/**
 * The aggregate items that cover the days from..to exactly: the month item of each month
 * wholly inside, the day items of the months the range cuts. A range of years reads its
 * months and at most 62 days.
 *
 * @example
 * aggregateKeysOf('2026-01-30', '2026-03-31'); // ['d|2026-01-30', 'd|2026-01-31', 'm|2026-02', 'm|2026-03']
 */
export const aggregateKeysOf = (from: Day, to: Day): string[] => {
  const keys: string[] = [];
  for (let month = monthOf(from); month <= monthOf(to); month = nextMonth(month)) {
    const [start, end] = [monthStart(month), monthEnd(month)];
    if (start >= from && end <= to) keys.push(`m|${month}`);
    else keys.push(...daysBetween(later(start, from), earlier(end, to)).map((day) => `d|${day}`));
  }
  return keys;
};

const later = (a: Day, b: Day) => (a > b ? a : b);
const earlier = (a: Day, b: Day) => (a < b ? a : b);

const daysBetween = (first: Day, last: Day): Day[] => {
  const days: Day[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
};
