import { type Category, categoryOf } from '../score';
import { type Direction, directionOf, inEventTimeOrder, latestChange, type RespondentResponse } from './history';

/**
 * Customers at risk (docs/respondents.md): the probability that a respondent's next response is a
 * detractor, learnt from this deployment's own transitions, conditioned on the current
 * category and the direction of the last change, smoothed towards coarser estimates.
 */

/**
 * What the next response is predicted from: the current score and category, and how the category changed from the one
 * before (`first` without one).
 */
export interface RiskContext {
  score: number;
  category: Category;
  direction: Direction | 'first';
}

/** Next responses seen after a context, and how many of them were detractors. */
export interface NextTally {
  responses: number;
  detractors: number;
}

/** Tallies by score and direction (`s<score>.<direction>`), category and direction, category, and in total (`all`). */
export type RiskTallies = Record<string, NextTally>;

/**
 * Detractor rate assumed while the deployment has seen fewer than MIN_HISTORY next responses (documented in
 * docs/respondents.md).
 */
export const FALLBACK_DETRACTOR_RATE = 0.2;
export const MIN_HISTORY = 30;
/** Pseudo-observations of the coarser estimate added to each finer one. */
export const SMOOTHING = 10;
/** Default `riskThreshold`. */
export const DEFAULT_RISK_THRESHOLD = 0.25;
/** A drop of this many points or more between the previous and the latest score is a `score_drop`. */
export const SCORE_DROP = 2;

/** The keys of a context's tallies, finest first. */
export const contextKeys = ({ score, category, direction }: RiskContext) => [
  `s${score}.${direction}`,
  `${category}.${direction}`,
  category,
];

/** The context of `current`, given the response before it (if any). */
export const contextOf = (
  previous: RespondentResponse | null | undefined,
  current: RespondentResponse,
): RiskContext => ({
  score: current.score,
  category: categoryOf(current.score),
  direction: previous ? directionOf(categoryOf(previous.score), categoryOf(current.score)) : 'first',
});

/** One learning example: a context, whether the next response was a detractor, and when that next response came. */
export interface RiskExample {
  context: RiskContext;
  nextIsDetractor: boolean;
  /** `submittedAt` of the response the context was taken at, and of the next one. */
  at: string;
  outcomeAt: string;
}

/** Every (context → next response) pair of one respondent's responses, in event-time order. */
export const examplesOf = (responses: readonly RespondentResponse[]): RiskExample[] => {
  const ordered = inEventTimeOrder(responses);
  return ordered.slice(0, -1).map((current, i) => ({
    context: contextOf(ordered[i - 1], current),
    nextIsDetractor: categoryOf(ordered[i + 1]!.score) === 'detractor',
    at: current.submittedAt,
    outcomeAt: ordered[i + 1]!.submittedAt,
  }));
};

/** Adds an example to the tallies (weight −1 takes it out again), and answers them. */
export const addExample = (
  tallies: RiskTallies,
  { context, nextIsDetractor }: Pick<RiskExample, 'context' | 'nextIsDetractor'>,
  weight = 1,
) => {
  for (const key of [...contextKeys(context), 'all']) {
    const tally = tallies[key] ?? { responses: 0, detractors: 0 };
    tally.responses += weight;
    tally.detractors += nextIsDetractor ? weight : 0;
    tallies[key] = tally;
  }
  return tallies;
};

const smoothed = (tally: NextTally | undefined, prior: number) =>
  ((tally?.detractors ?? 0) + SMOOTHING * prior) / ((tally?.responses ?? 0) + SMOOTHING);

/**
 * P(next response is a detractor | context): the rate after this score and direction,
 * smoothed towards the rate after this category and direction, towards the category's,
 * towards the deployment's (FALLBACK_DETRACTOR_RATE while it has fewer than MIN_HISTORY
 * next responses).
 *
 * @example
 * riskProbability({}, { score: 7, category: 'passive', direction: 'down' }); // 0.2 (no history: the fallback)
 */
export const riskProbability = (tallies: RiskTallies, context: RiskContext): number => {
  const all = tallies.all;
  const base = all && all.responses >= MIN_HISTORY ? all.detractors / all.responses : FALLBACK_DETRACTOR_RATE;
  return contextKeys(context).reduceRight((prior, key) => smoothed(tallies[key], prior), base);
};

export type RiskReason = 'category_down' | 'score_drop' | 'negative_comment' | 'model';

export interface Risk {
  atRisk: boolean;
  probability: number;
  reasons: RiskReason[];
}

/**
 * The risk of a respondent: at risk when their latest response is a promoter or passive
 * whose probability reaches the threshold (`model`) or whose comment is negative; the
 * reasons then also name a drop of category or of 2+ points since the previous response.
 *
 * @example
 * assessRisk({ responses, tallies }); // { atRisk: true, probability: 0.31, reasons: ['category_down', 'model'] }
 */
export const assessRisk = ({
  responses,
  tallies,
  threshold = DEFAULT_RISK_THRESHOLD,
}: {
  responses: readonly RespondentResponse[];
  tallies: RiskTallies;
  threshold?: number;
}): Risk | undefined => {
  const change = latestChange(responses);
  if (!change) return undefined;
  const { latest, previous, categoryChange } = change;
  const probability = riskProbability(tallies, contextOf(previous, latest));
  const triggers: RiskReason[] = [];
  if (latest.commentSentiment === 'negative') triggers.push('negative_comment');
  if (probability >= threshold) triggers.push('model');
  const atRisk = categoryOf(latest.score) !== 'detractor' && triggers.length > 0;
  if (!atRisk) return { atRisk, probability, reasons: [] };
  const context: RiskReason[] = [];
  if (categoryChange === 'down') context.push('category_down');
  if (previous && previous.score - latest.score >= SCORE_DROP) context.push('score_drop');
  return { atRisk, probability, reasons: [...context, ...triggers] };
};
