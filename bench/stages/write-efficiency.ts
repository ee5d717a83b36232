import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { measureWriteEfficiencies } from '../../test/support/measure/write-efficiency';
import { type Stage, type SummaryRow, save } from '../harness';

/**
 * Items written per response by the coalescing projector vs a naive one (one update per event and counter), batches of
 * 10, 100, 1000.
 */
export const writeEfficiencyStage: Stage = {
  name: 'write-efficiency',
  run: async () => {
    const dynamo = await startDynamoDbLocal();
    const measure = (commentShare: number, batchSizes: number[], respondentShare = 0) =>
      measureWriteEfficiencies({
        endpoint: dynamo.endpoint,
        responses: 1_000,
        batchSizes,
        commentShare,
        respondentShare,
      });
    const [efficiency, commented, respondents] = await Promise.all([
      measure(0, [10, 100, 1000]),
      measure(1, [100]),
      measure(0, [100], 1),
    ]).finally(() => dynamo.stop());
    save('write-efficiency', { results: efficiency, withComments: commented, withRespondents: respondents });
    const without = efficiency.find((e) => e.batchSize === 100)!.coalesced.itemsPerResponse;
    const withComments = commented[0]!.coalesced.itemsPerResponse;
    const withRespondents = respondents[0]!.coalesced.itemsPerResponse;
    return [
      ...efficiency.map(
        (e): SummaryRow => [
          `items written per response, batch ${e.batchSize}`,
          `coalesced ${e.coalesced.itemsPerResponse.toFixed(2)} vs naive ${e.naive.itemsPerResponse.toFixed(1)} → ` +
            `${e.ratio.toFixed(1)}× fewer`,
        ],
      ),
      [
        'items written per response, batch 100, every response with a comment (theme tallies, term items)',
        `${withComments.toFixed(2)} vs ${without.toFixed(2)} without comments → ` +
          `+${(withComments - without).toFixed(2)} (target ≤ +1)`,
      ],
      [
        'items written per response, batch 100, every response with a respondentId (views, transitions, risk examples)',
        `${withRespondents.toFixed(2)} vs ${without.toFixed(2)} without → +${(withRespondents - without).toFixed(2)} ` +
          `(goal ≤ +1)`,
      ],
    ];
  },
};
