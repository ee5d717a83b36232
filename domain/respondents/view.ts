import { type Category, categoryOf } from '../score';
import type { Segments } from '../segments';
import { type Direction, latestChange, type RespondentResponse } from './history';
import { assessRisk, type Risk, type RiskTallies } from './risk';

/** One response as a respondent view shows it. */
export interface ViewedResponse {
  responseId: string;
  score: number;
  category: Category;
  submittedAt: string;
  segments: Segments;
}

/** `GET /v1/respondents/{respondentId}` (docs/respondents.md). */
export interface RespondentView {
  respondentId: string;
  responses: number;
  latest: ViewedResponse;
  previous: ViewedResponse | null;
  averageScore: number;
  categoryChange: Direction | null;
  risk: Risk;
  /** When the view last changed (what `updatedSince` compares with). */
  updatedAt: string;
}

const viewed = ({ responseId, score, submittedAt, segments }: RespondentResponse): ViewedResponse => ({
  responseId,
  score,
  category: categoryOf(score),
  submittedAt,
  segments,
});

/**
 * A respondent's view from their responses as they now stand and the deployment's risk
 * tallies; undefined when no response is left.
 *
 * @example
 * respondentView({ respondentId: 'crm-42', responses, tallies, threshold: 0.25, updatedAt });
 * // { respondentId: 'crm-42', responses: 3, latest: {…}, previous: {…}, averageScore: 7.33, categoryChange: 'down',
 * risk: {…} }
 */
export const respondentView = ({
  respondentId,
  responses,
  tallies,
  threshold,
  updatedAt,
}: {
  respondentId: string;
  responses: readonly RespondentResponse[];
  tallies: RiskTallies;
  threshold?: number;
  updatedAt: string;
}): RespondentView | undefined => {
  const change = latestChange(responses);
  const risk = assessRisk({ responses, tallies, ...(threshold !== undefined ? { threshold } : {}) });
  if (!change || !risk) return undefined;
  const total = responses.reduce((sum, r) => sum + r.score, 0);
  return {
    respondentId,
    responses: responses.length,
    latest: viewed(change.latest),
    previous: change.previous ? viewed(change.previous) : null,
    averageScore: Math.round((total / responses.length) * 100) / 100,
    categoryChange: change.categoryChange,
    risk,
    updatedAt,
  };
};
