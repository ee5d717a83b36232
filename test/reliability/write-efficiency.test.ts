import { describe, expect, it } from 'vitest';
import { PROJECTIONS } from '../../functions/projections';
import { measureWriteEfficiency } from '../support/measure/write-efficiency';
import { dynamoDbEndpoint } from '../support/stack';

describe('write efficiency (coalesced vs naive one-update-per-event)', () => {
  it('writes at least 20× fewer items per accepted response at 4 dimensions and batches of 100', async () => {
    // the response index writes a document per response state by design, which nothing can coalesce: the bench
    // measures its share on its own; this compares what coalescing applies to
    const result = await measureWriteEfficiency({
      endpoint: dynamoDbEndpoint(),
      responses: 600,
      batchSize: 100,
      readModels: PROJECTIONS.filter((projection) => projection.name !== 'responses'),
    });
    console.log(
      `write efficiency @ batch 100: coalesced ${result.coalesced.itemsPerResponse.toFixed(3)} items/response ` +
        `(${result.coalesced.requestsPerResponse.toFixed(3)} requests), naive ` +
        `${result.naive.itemsPerResponse.toFixed(2)} items/response → ${result.ratio.toFixed(1)}× fewer items`,
    );
    expect(result.coalesced.correct).toBe(true);
    expect(result.naive.correct).toBe(true);
    expect(result.ratio).toBeGreaterThanOrEqual(20);
  }, 180_000);
});
