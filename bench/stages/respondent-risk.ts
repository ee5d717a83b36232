import type { RespondentResponse } from '../../domain/respondents/history';
import type { RuleScore } from '../../domain/respondents/risk-backtest';
import { backtestRisk } from '../../domain/respondents/risk-backtest';
import { viewOf } from '../../functions/projections/respondents/views';
import { scanAll } from '../../test/support/items';
import { syntheticRespondents } from '../../test/support/respondent-series';
import { log, type Stage, save, submitInBatches, withStack } from '../harness';

const RESPONDENTS = 2_000;
const pct = (value: number | null) => (value === null ? '–' : (100 * value).toFixed(1));
const rule = (name: string, s: RuleScore) =>
  `${name} P ${pct(s.precision)} / R ${pct(s.recall)} (${s.flagged} flagged)`;

/**
 * A comment the analyzer reads with each sentiment of the synthetic series (checked: the stored views must give the
 * same backtest).
 */
const COMMENT_OF = {
  negative: 'Terrible service, rude staff and very slow delivery',
  positive: 'Great service, friendly staff and fast delivery',
  neutral: 'I ordered the blue model last week.',
  mixed: 'Great staff but very slow delivery',
} as const;

/**
 * The synthetic population submitted through the HTTP API (respondentIds, comments whose
 * analysis gives the series' sentiments), projected by the real projector; answers every
 * stored respondent view's responses, read back from the projections table.
 */
const storedHistories = (people: RespondentResponse[][]) =>
  withStack({}, async (stack) => {
    const submissions = people.flatMap((responses, person) =>
      responses.map((r) => ({
        responseId: r.responseId,
        score: r.score,
        submittedAt: r.submittedAt,
        segments: r.segments,
        respondentId: `person-${person}`,
        ...(r.commentSentiment ? { comment: COMMENT_OF[r.commentSentiment] } : {}),
      })),
    );
    await submitInBatches(stack.url, submissions);
    await stack.settled();
    const items = await scanAll(stack.dynamoDbEndpoint, stack.tables.projections);
    return items.filter((item) => /^r#\d+#/.test(String(item.pk))).map((item) => viewOf(item).responses);
  });

/**
 * The customers-at-risk rule (docs/respondents.md, `domain/respondents/risk.ts`) replayed in event-time
 * order over seeded synthetic respondents, beside two baseline rules: precision and recall
 * at flagging promoters and passives whose next response is a detractor. Then the same
 * backtest over the respondent views the backend stored for that population.
 */
export const respondentRiskStage: Stage = {
  name: 'respondent-risk',
  run: async () => {
    const people = syntheticRespondents(RESPONDENTS);
    const result = backtestRisk(people);
    log(`respondent-risk: submitting ${people.flat().length} responses of ${RESPONDENTS} respondents to a local stack`);
    const stored = backtestRisk(await storedHistories(people));
    save('respondent-risk', { respondents: RESPONDENTS, ...result, stored });
    return [
      [
        `at-risk rule backtest (${RESPONDENTS} synthetic respondents, ${result.predictions} promoter/passive ` +
          `moments, ${result.detractorsNext} followed by a detractor)`,
        `${rule('**ours**', result.ours)} vs ${rule('negative comment only', result.negativeCommentOnly)}, ` +
          `${rule('every passive', result.everyPassive)}`,
      ],
      [
        'the same backtest on the respondent views the backend stored (submitted over HTTP, projected)',
        `${rule('**ours**', stored.ours)} vs ${rule('every passive', stored.everyPassive)} (${stored.predictions} ` +
          `moments)`,
      ],
    ];
  },
};
