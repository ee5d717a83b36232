import type { RuleScore } from '../../domain/respondents/risk-backtest';
import { backtestRisk } from '../../domain/respondents/risk-backtest';
import { syntheticRespondents } from '../../test/support/respondent-series';
import { type Stage, save } from '../harness';

const RESPONDENTS = 2_000;
const pct = (value: number | null) => (value === null ? '–' : (100 * value).toFixed(1));
const rule = (name: string, s: RuleScore) => `${name} P ${pct(s.precision)} / R ${pct(s.recall)} (${s.flagged} flagged)`;

/**
 * The customers-at-risk rule (SPEC §7, `domain/respondents/risk.ts`) replayed in event-time
 * order over seeded synthetic respondents, beside two baseline rules: precision and recall
 * at flagging promoters and passives whose next response is a detractor.
 */
export const respondentRiskStage: Stage = {
  name: 'respondent-risk',
  run: async () => {
    const result = backtestRisk(syntheticRespondents(RESPONDENTS));
    save('respondent-risk', { respondents: RESPONDENTS, ...result });
    return [
      [
        `at-risk rule backtest (${RESPONDENTS} synthetic respondents, ${result.predictions} promoter/passive moments, ${result.detractorsNext} followed by a detractor)`,
        `${rule('**ours**', result.ours)} vs ${rule('negative comment only', result.negativeCommentOnly)}, ${rule('every passive', result.everyPassive)}`,
      ],
    ];
  },
};
