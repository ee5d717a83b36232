import type { Polarity } from '../analysis/sentiment';
import { type Category, categoryOf } from '../score';

/**
 * One response of a respondent as it now stands (amended and erased ones count as they are: erased ones not at all).
 */
export interface RespondentResponse {
  responseId: string;
  score: number;
  submittedAt: string;
  segments: Record<string, string>;
  /** Overall sentiment of its current comment, if it has one. */
  commentSentiment?: Polarity;
  /** When someone first got through to the respondent about it (a `contacted` or `resolved` follow-up). */
  firstContactAt?: string;
}

/** Categories from worst to best, for the direction of a change. */
const RANK: Record<Category, number> = { detractor: 0, passive: 1, promoter: 2 };

export type Direction = 'up' | 'down' | 'same';

/**
 * The direction from one category to the next: `up` (detractor → passive, …), `down` or `same`.
 *
 * @example
 * directionOf('promoter', 'passive'); // 'down'
 */
export const directionOf = (from: Category, to: Category): Direction => {
  const change = RANK[to] - RANK[from];
  return change > 0 ? 'up' : change < 0 ? 'down' : 'same';
};

/**
 * A respondent's responses in event-time order: by `submittedAt` (not by arrival, so a
 * late response lands in its place), ties by responseId so that the order is total.
 */
export const inEventTimeOrder = <T extends { responseId: string; submittedAt: string }>(responses: readonly T[]): T[] =>
  [...responses].sort((a, b) => {
    const byTime = Date.parse(a.submittedAt) - Date.parse(b.submittedAt);
    return byTime !== 0 ? byTime : a.responseId < b.responseId ? -1 : a.responseId > b.responseId ? 1 : 0;
  });

/** What a respondent's latest and previous responses say about the change between them. */
export interface LatestChange {
  latest: RespondentResponse;
  previous: RespondentResponse | null;
  categoryChange: Direction | null;
}

/**
 * The latest response by event time, the one before it, and the direction of the change (null without a previous one).
 */
export const latestChange = (responses: readonly RespondentResponse[]): LatestChange | undefined => {
  const ordered = inEventTimeOrder(responses);
  const latest = ordered.at(-1);
  if (!latest) return undefined;
  const previous = ordered.at(-2) ?? null;
  const categoryChange = previous ? directionOf(categoryOf(previous.score), categoryOf(latest.score)) : null;
  return { latest, previous, categoryChange };
};
