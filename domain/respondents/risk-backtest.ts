import { categoryOf } from '../score';
import { inEventTimeOrder, type RespondentResponse } from './history';
import { addExample, assessRisk, examplesOf, type RiskExample, type RiskTallies } from './risk';

/** Precision and recall of one rule at flagging promoters and passives whose next response is a detractor. */
export interface RuleScore {
  flagged: number;
  truePositives: number;
  precision: number | null;
  recall: number | null;
}

export interface RiskBacktest {
  /** Promoter and passive responses followed by another response: the moments a prediction is judged. */
  predictions: number;
  /** How many of them were followed by a detractor. */
  detractorsNext: number;
  ours: RuleScore;
  /** Baselines: flag on a negative comment alone; flag every passive. */
  negativeCommentOnly: RuleScore;
  everyPassive: RuleScore;
}

interface Moment {
  history: RespondentResponse[];
  nextIsDetractor: boolean;
  at: string;
}

/**
 * Every promoter or passive response followed by another one: the respondent's history up to it, and what came next.
 */
const momentsOf = (responses: readonly RespondentResponse[]): Moment[] => {
  const ordered = inEventTimeOrder(responses);
  return ordered.slice(0, -1).flatMap((current, i) =>
    categoryOf(current.score) === 'detractor'
      ? []
      : [
          {
            history: ordered.slice(0, i + 1),
            nextIsDetractor: categoryOf(ordered[i + 1]!.score) === 'detractor',
            at: current.submittedAt,
          },
        ],
  );
};

const scoreOf = (flags: boolean[], truth: boolean[]): RuleScore => {
  const flagged = flags.filter(Boolean).length;
  const truePositives = flags.filter((flag, i) => flag && truth[i]).length;
  const positives = truth.filter(Boolean).length;
  return {
    flagged,
    truePositives,
    precision: flagged ? truePositives / flagged : null,
    recall: positives ? truePositives / positives : null,
  };
};

/**
 * Replays every respondent's responses in event-time order and, at each promoter or
 * passive response that has a successor, asks the risk rule with a model learnt only
 * from transitions whose outcome came strictly earlier — then checks the successor.
 * The two baseline rules are judged on the same moments.
 *
 * @example
 * backtestRisk(respondents).ours; // { flagged: 812, truePositives: 301, precision: 0.37, recall: 0.58 }
 */
export const backtestRisk = (
  respondents: readonly (readonly RespondentResponse[])[],
  threshold?: number,
): RiskBacktest => {
  const examples: RiskExample[] = respondents
    .flatMap(examplesOf)
    .sort((a, b) => Date.parse(a.outcomeAt) - Date.parse(b.outcomeAt));
  const moments = respondents.flatMap(momentsOf).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const tallies: RiskTallies = {};
  let learnt = 0;
  const ours = moments.map((moment) => {
    while (learnt < examples.length && Date.parse(examples[learnt]!.outcomeAt) < Date.parse(moment.at))
      addExample(tallies, examples[learnt++]!);
    return assessRisk({ responses: moment.history, tallies, ...(threshold === undefined ? {} : { threshold }) })!
      .atRisk;
  });
  const truth = moments.map((m) => m.nextIsDetractor);
  return {
    predictions: moments.length,
    detractorsNext: truth.filter(Boolean).length,
    ours: scoreOf(ours, truth),
    negativeCommentOnly: scoreOf(
      moments.map((m) => m.history.at(-1)!.commentSentiment === 'negative'),
      truth,
    ),
    everyPassive: scoreOf(
      moments.map((m) => categoryOf(m.history.at(-1)!.score) === 'passive'),
      truth,
    ),
  };
};
