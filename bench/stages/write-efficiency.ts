import type { Projection } from '../../functions/projection-engine/projection';
import { PROJECTIONS } from '../../functions/projections';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { measureWriteEfficiencies } from '../../test/support/measure/write-efficiency';
import { type Stage, type SummaryRow, save } from '../harness';

/** Every read model but the response index, whose share of the writes is measured on its own. */
const WITHOUT_INDEX = PROJECTIONS.filter((projection) => projection.name !== 'responses');

/**
 * Items written per response by the coalescing projector vs a naive one (one update per event and counter), batches of
 * 10, 100, 1000; then what comments, respondentIds and the response index each add at batch 100. The naive baseline
 * keeps no response index, so every row but the index's own leaves the index out: like for like.
 */
export const writeEfficiencyStage: Stage = {
  name: 'write-efficiency',
  run: async () => {
    const dynamo = await startDynamoDbLocal();
    const measure = (
      commentShare: number,
      batchSizes: number[],
      respondentShare = 0,
      readModels: readonly Projection[] = WITHOUT_INDEX,
    ) =>
      measureWriteEfficiencies({
        endpoint: dynamo.endpoint,
        responses: 1_000,
        batchSizes,
        commentShare,
        respondentShare,
        readModels,
      });
    const [efficiency, commented, respondents, indexed] = await Promise.all([
      measure(0, [10, 100, 1000]),
      measure(1, [100]),
      measure(0, [100], 1),
      measure(0, [100], 0, PROJECTIONS),
    ]).finally(() => dynamo.stop());
    save('write-efficiency', {
      results: efficiency,
      withComments: commented,
      withRespondents: respondents,
      withResponseIndex: indexed,
    });
    const without = efficiency.find((e) => e.batchSize === 100)!.coalesced.itemsPerResponse;
    const withComments = commented[0]!.coalesced.itemsPerResponse;
    const withRespondents = respondents[0]!.coalesced.itemsPerResponse;
    const withIndex = indexed[0]!.coalesced.itemsPerResponse;
    return [
      ...efficiency.map(
        (e): SummaryRow => [
          `items written per response, batch ${e.batchSize} (read models but the response index)`,
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
      [
        'items written per response, batch 100, with the response index (one document per response; an amendment ' +
          'that changes the category moves it: delete + put; 10% amended)',
        `${withIndex.toFixed(2)} vs ${without.toFixed(2)} without → +${(withIndex - without).toFixed(2)} (goal ≤ +1)`,
      ],
    ];
  },
};
