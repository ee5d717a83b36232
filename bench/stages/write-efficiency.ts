import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { type Stage, save } from '../harness';
import { measureWriteEfficiencies } from '../write-efficiency';

/** Items written per response by the coalescing projector vs a naive one (one update per event and counter), batches of 10, 100, 1000. */
export const writeEfficiencyStage: Stage = {
  name: 'write-efficiency',
  run: async () => {
    const dynamo = await startDynamoDbLocal();
    const efficiency = await measureWriteEfficiencies({ endpoint: dynamo.endpoint, responses: 1_000, batchSizes: [10, 100, 1000] }).finally(
      () => dynamo.stop(),
    );
    save('write-efficiency', { results: efficiency });
    return efficiency.map((e) => [
      `items written per response, batch ${e.batchSize}`,
      `coalesced ${e.coalesced.itemsPerResponse.toFixed(2)} vs naive ${e.naive.itemsPerResponse.toFixed(1)} → ${e.ratio.toFixed(1)}× fewer`,
    ]);
  },
};
