import { generator, log, type Stage, save, withStack } from '../harness';

/** Ingest through the HTTP API vs raw PutItem to the same DynamoDB Local, rounds alternated, concurrency 32. */
export const ingestStage: Stage = {
  name: 'ingest',
  run: () =>
    withStack({}, async (stack) => {
      await generator('raw', stack.dynamoDbEndpoint, stack.tables.events, '500', '32', 'warm-raw');
      await generator('ingest', stack.url, '-', '500', '32', 'warm-api');
      const rounds: { raw: number; ingest: number }[] = [];
      for (let round = 0; round < 3; round++) {
        const raw = (await generator('raw', stack.dynamoDbEndpoint, stack.tables.events, '2000', '32', `raw-${round}`))
          .rate;
        const ingest = await generator('ingest', stack.url, '-', '2000', '32', `api-${round}`);
        if (ingest.errors) throw new Error(`${ingest.errors} ingest errors`);
        rounds.push({ raw, ingest: ingest.rate });
        log(`ingest round ${round + 1}: raw PutItem ${raw.toFixed(0)}/s, API ${ingest.rate.toFixed(0)}/s`);
      }
      const mean = (key: 'raw' | 'ingest') => rounds.reduce((sum, r) => sum + r[key], 0) / rounds.length;
      const ratio = mean('ingest') / mean('raw');
      save('ingest', {
        concurrency: 32,
        requestsPerRound: 2000,
        rounds,
        rawPutItemPerSecond: mean('raw'),
        ingestPerSecond: mean('ingest'),
        ratio,
      });
      return [
        [
          'ingest (HTTP API, concurrency 32)',
          `${mean('ingest').toFixed(0)}/s = ${(100 * ratio).toFixed(0)}% of raw PutItem (${mean('raw').toFixed(0)}/s)`,
        ],
      ];
    }),
};
