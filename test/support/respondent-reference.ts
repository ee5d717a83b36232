import type { StoredEvent } from '../../domain/events';
import { finalStates } from './event-history';
import { addRecovery } from './loop-counts-reference';
import type { ModelResponse } from './reference';
import { historyRespondentOf } from './synthetic-summary';

/**
 * An independent model of respondent views and their aggregates, from the final state of
 * each response (not from deltas, not with the domain's helpers).
 */
export interface PersonResponse extends ModelResponse {
  responseId: string;
}

const category = (score: number) => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');
const rank = (score: number) => (score >= 9 ? 2 : score >= 7 ? 1 : 0);

/** Each person's live responses in event-time order (ties by responseId). */
export const referencePeople = (
  responses: Iterable<PersonResponse & { respondentId?: string }>,
): Map<string, PersonResponse[]> => {
  const people = new Map<string, PersonResponse[]>();
  for (const response of responses) {
    if (response.erased || response.respondentId === undefined) continue;
    people.set(response.respondentId, [...(people.get(response.respondentId) ?? []), response]);
  }
  for (const list of people.values()) {
    list.sort(
      (a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt) || (a.responseId < b.responseId ? -1 : 1),
    );
  }
  return people;
};

const segmentKeys = (segments: Record<string, string>, combinations: string[][]) => [
  'all',
  ...Object.keys(segments)
    .sort()
    .map((d) => `${d}:${segments[d]}`),
  ...combinations
    .filter((c) => c.every((d) => d in segments))
    .map((c) =>
      [...c]
        .sort()
        .map((d) => `${d}:${segments[d]}`)
        .join(','),
    ),
];

/**
 * Expected aggregate lines `item attribute value`: each pair of consecutive responses
 * on the later one's day and month per segment; each risk example (the context of a
 * response — score, category, direction from the one before — and whether the next is a
 * detractor) in the month of the next.
 */
export const referenceAggregates = (people: Map<string, PersonResponse[]>, combinations: string[][]): string[] => {
  const totals = new Map<string, number>();
  const add = (key: string) => totals.set(key, (totals.get(key) ?? 0) + 1);
  for (const list of people.values())
    for (let i = 1; i < list.length; i++) addPair(add, [list[i - 2], list[i - 1]!, list[i]!], combinations);
  return [...totals].map(([key, value]) => `${key} ${value}`).sort();
};

/** What one pair of consecutive responses adds: its transition per segment, and the risk example it completes. */
const addPair = (
  add: (key: string) => void,
  [before, context, later]: [PersonResponse | undefined, PersonResponse, PersonResponse],
  combinations: string[][],
) => {
  const [day, month] = [
    new Date(later.submittedAt).toISOString().slice(0, 10),
    new Date(later.submittedAt).toISOString().slice(0, 7),
  ];
  const pair = `${category(context.score)}|${category(later.score)}`;
  for (const segment of segmentKeys(later.segments, combinations)) {
    add(`d|${day} t|${segment}|${pair}`);
    add(`m|${month} t|${segment}|${pair}`);
  }
  if (category(context.score) === 'detractor')
    addRecovery(add, [context, later], segmentKeys(context.segments, combinations));
  for (const key of exampleKeys(before, context)) {
    add(`m|${month} k|${key}|n`);
    if (category(later.score) === 'detractor') add(`m|${month} k|${key}|d`);
  }
};

/**
 * The keys a risk example counts under: the context response's score, category and the direction into it (`first`
 * without one).
 */
const exampleKeys = (before: PersonResponse | undefined, context: PersonResponse) => {
  const change = before ? rank(context.score) - rank(before.score) : undefined;
  const direction = change === undefined ? 'first' : change > 0 ? 'up' : change < 0 ? 'down' : 'same';
  return [`s${context.score}.${direction}`, `${category(context.score)}.${direction}`, category(context.score), 'all'];
};

/** Expected views of a history as lines `respondentId responseId:score:sentiment …`. */
export const expectedViews = (events: StoredEvent[]): string[] => {
  const responses = [...finalStates(events)].map(([responseId, state]) => ({
    ...state,
    responseId,
    respondentId: historyRespondentOf(responseId),
  }));
  return [...referencePeople(responses)].map(([id, list]) => `${id} ${viewLine(list)}`).sort();
};

export const viewLine = (
  list: { responseId: string; score: number; commentSentiment?: string; analysis?: { sentiment: string } }[],
) => list.map((r) => `${r.responseId}:${r.score}:${r.commentSentiment ?? r.analysis?.sentiment ?? '-'}`).join(' ');

/** Expected aggregates of a history. */
export const expectedAggregates = (events: StoredEvent[], combinations: string[][]): string[] => {
  const responses = [...finalStates(events)].map(([responseId, state]) => ({
    ...state,
    responseId,
    respondentId: historyRespondentOf(responseId),
  }));
  return referenceAggregates(referencePeople(responses), combinations);
};

/** Risk tallies from reference aggregate lines (`m|… k|<context>|n|d value`), summed over months. */
export const referenceRiskTallies = (lines: string[]): Record<string, { n: number; d: number }> => {
  const tallies: Record<string, { n: number; d: number }> = {};
  for (const line of lines) {
    const match = /^m\|\S+ k\|(.+)\|([nd]) (\d+)$/.exec(line);
    if (!match) continue;
    const tally = tallies[match[1]!] ?? { n: 0, d: 0 };
    tally[match[2] as 'n' | 'd'] += Number(match[3]);
    tallies[match[1]!] = tally;
  }
  return tallies;
};

/**
 * The view a person's live responses (event-time order, with their comment's sentiment) must show: docs/respondents.md,
 * written
 * out.
 */
export const referenceView = (
  respondentId: string,
  list: (PersonResponse & { sentiment?: string })[],
  tallies: Record<string, { n: number; d: number }>,
  threshold = 0.25,
) => {
  const shown = (r: PersonResponse) => ({
    responseId: r.responseId,
    score: r.score,
    category: category(r.score),
    submittedAt: r.submittedAt,
    segments: r.segments,
  });
  const [latest, previous] = [list.at(-1)!, list.at(-2)];
  const direction = previous ? directionOf(previous.score, latest.score) : null;
  const risk = referenceRisk({ latest, previous, direction }, tallies, threshold);
  return {
    respondentId,
    responses: list.length,
    latest: shown(latest),
    previous: previous ? shown(previous) : null,
    averageScore: Math.round((list.reduce((sum, r) => sum + r.score, 0) / list.length) * 100) / 100,
    categoryChange: direction,
    risk,
  };
};

const directionOf = (from: number, to: number) =>
  rank(to) > rank(from) ? 'up' : rank(to) < rank(from) ? 'down' : 'same';

/**
 * At risk: a promoter or passive with a negative latest comment or a probability at the threshold; with the reasons.
 */
const referenceRisk = (
  {
    latest,
    previous,
    direction,
  }: { latest: PersonResponse & { sentiment?: string }; previous?: PersonResponse; direction: string | null },
  tallies: Record<string, { n: number; d: number }>,
  threshold: number,
) => {
  const probability = referenceProbability(tallies, latest.score, direction ?? 'first');
  const triggers = [
    ...(latest.sentiment === 'negative' ? ['negative_comment'] : []),
    ...(probability >= threshold ? ['model'] : []),
  ];
  const atRisk = category(latest.score) !== 'detractor' && triggers.length > 0;
  const context = [
    ...(direction === 'down' ? ['category_down'] : []),
    ...(previous && previous.score - latest.score >= 2 ? ['score_drop'] : []),
  ];
  return { atRisk, probability, reasons: atRisk ? [...context, ...triggers] : [] };
};

/**
 * P(next is a detractor) for a score and the direction into it: each level smoothed with 10 pseudo-observations of the
 * coarser.
 */
const referenceProbability = (tallies: Record<string, { n: number; d: number }>, score: number, direction: string) => {
  const all = tallies.all ?? { n: 0, d: 0 };
  const base = all.n >= 30 ? all.d / all.n : 0.2;
  const smooth = (key: string, prior: number) => ((tallies[key]?.d ?? 0) + 10 * prior) / ((tallies[key]?.n ?? 0) + 10);
  const byCategory = smooth(category(score), base);
  const byCategoryDirection = smooth(`${category(score)}.${direction}`, byCategory);
  return smooth(`s${score}.${direction}`, byCategoryDirection);
};
