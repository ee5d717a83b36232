import type { LocalStack } from '../../infra/local/stack';
import { measureQuery, type Stage, save, submitInBatches, withStack } from '../harness';

const DAY_MS = 86_400_000;

/** Comments of a third of the seeded responses (written for the bench). */
const COMMENTS = [
  'Great support',
  'Far too expensive',
  'Livraison en retard',
  'Personnel adorable',
  'The app is confusing',
];

/** 6,000 responses spread over 20 years of days (a third with a comment), in batches of 100. */
const seed = async (stack: LocalStack, now: number) => {
  const bodies = Array.from({ length: 6_000 }, (_, i) => ({
    responseId: `q-${i}`,
    score: i % 11,
    submittedAt: new Date(
      now - 60_000 - Math.floor(((i * 7919) % 7300) / 10) * DAY_MS - (i % 24) * 3_600_000,
    ).toISOString(),
    segments: { region: ['eu', 'us', 'apac'][i % 3]!, plan: ['free', 'pro'][i % 2]! },
    ...(i % 3 === 0 ? { comment: COMMENTS[i % COMMENTS.length]! } : {}),
  }));
  await submitInBatches(stack.url, bodies);
  await stack.settled();
  return bodies.length;
};

/**
 * Items read and latency of /v1/nps over 30, 365 and 730 days, of /v1/themes and /v1/themes/discover over a year, and
 * of a 90-point rolling series.
 */
export const queryCostStage: Stage = {
  name: 'query-cost',
  run: () =>
    withStack({}, async (stack) => {
      const now = Date.now();
      const responses = await seed(stack, now);
      const to = new Date(now).toISOString().slice(0, 10);
      const from = (days: number) => new Date(now - (days - 1) * DAY_MS).toISOString().slice(0, 10);
      const queries = [
        await measureQuery(stack.url, 'nps 30 days', `/v1/nps?segment=all&from=${from(30)}&to=${to}`),
        await measureQuery(stack.url, 'nps 365 days', `/v1/nps?segment=all&from=${from(365)}&to=${to}`),
        await measureQuery(stack.url, 'nps 730 days', `/v1/nps?segment=all&from=${from(730)}&to=${to}`),
        await measureQuery(stack.url, 'themes 365 days', `/v1/themes?segment=all&from=${from(365)}&to=${to}`),
        await measureQuery(
          stack.url,
          'discovered terms 365 days',
          `/v1/themes/discover?segment=all&from=${from(365)}&to=${to}`,
        ),
        await measureQuery(
          stack.url,
          'theme time series, 52 weeks',
          `/v1/themes/timeseries?theme=price&granularity=week&from=${from(364)}&to=${to}`,
        ),
        await measureQuery(
          stack.url,
          'rolling 90 points, window 90',
          `/v1/nps/rolling?segment=all&window=90&from=${from(90)}&to=${to}`,
        ),
      ];
      save('query-cost', { responses, queries });
      return queries.map((q) => [
        q.name,
        `${q.itemsRead} items read, p50 ${q.latencyMs.p50.toFixed(1)} ms, p95 ${q.latencyMs.p95.toFixed(1)} ms`,
      ]);
    }),
};
