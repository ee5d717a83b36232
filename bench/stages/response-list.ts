import { mapLimited } from '../../functions/shared/concurrency';
import type { LocalStack } from '../../infra/local/stack';
import { percentile, type Stage, type SummaryRow, save, withStack } from '../harness';

const DAY_MS = 86_400_000;
const RESPONSES = 100_000;
const PAGES = 25;
const LIMIT = 100;

/** Comments of 40% of the seeded responses, French and English (written for the bench). */
const COMMENTS = [
  'Far too expensive for what it is',
  'Beaucoup trop cher',
  'Great support, quick answer',
  'Livraison en retard, aucune information',
  'Personnel adorable',
  'The app is confusing',
  'Prix correct, bonne qualité',
  'We waited two hours',
];

/** Sends a batch; items a busy store rejected with a 503 are sent again after a second. */
const sendAll = async (stack: LocalStack, batch: object[]) => {
  for (let pending = batch, attempt = 0; pending.length; attempt++) {
    if (attempt > 20) throw new Error('the store stays unavailable');
    if (attempt) await new Promise((resolve) => setTimeout(resolve, 1_000));
    const answer = await fetch(`${stack.url}/v1/responses/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ responses: pending }),
    });
    const { results } = (await answer.json()) as { results: { status: string; error?: { status: number } }[] };
    const failed = results.filter((r) => r.status === 'rejected' && r.error?.status !== 503);
    if (failed.length) throw new Error(`rejected: ${JSON.stringify(failed[0])}`);
    pending = pending.filter((_, k) => results[k]!.status === 'rejected');
  }
};

/** 100,000 responses over the 365 days ending yesterday, in batches of 100 sent 4 at a time, 503s sent again. */
const seed = async (stack: LocalStack, now: number) => {
  const bodies = Array.from({ length: RESPONSES }, (_, i) => ({
    responseId: `rl-${i}`,
    score: (i * 7) % 11,
    submittedAt: new Date(now - DAY_MS - ((i * 7919) % (365 * DAY_MS - 60_000))).toISOString(),
    segments: { region: ['eu', 'us', 'apac'][i % 3]!, plan: ['free', 'pro'][i % 2]! },
    ...(i % 5 < 2 ? { comment: COMMENTS[(i >> 1) % COMMENTS.length]! } : {}),
  }));
  const batches = Array.from({ length: RESPONSES / 100 }, (_, b) => bodies.slice(b * 100, b * 100 + 100));
  await mapLimited(batches, 4, (batch) => sendAll(stack, batch));
  await stack.settled();
};

/** Walks the first pages of a query: items read, responses and latency of each. */
const walk = async (stack: LocalStack, name: string, query: string) => {
  const pages: { itemsRead: number; responses: number; ms: number }[] = [];
  let cursor: string | null = null;
  do {
    const t = performance.now();
    const answer = await fetch(`${stack.url}/v1/responses?${query}&limit=${LIMIT}${cursor ? `&cursor=${cursor}` : ''}`);
    const body = (await answer.json()) as { items: unknown[]; nextCursor: string | null };
    if (!answer.ok) throw new Error(`${query} answered ${answer.status}`);
    pages.push({
      itemsRead: Number(answer.headers.get('x-nps-items-read')),
      responses: body.items.length,
      ms: performance.now() - t,
    });
    cursor = body.nextCursor;
  } while (cursor && pages.length < PAGES);
  const itemsRead = pages.map((p) => p.itemsRead);
  return {
    name,
    query,
    pages: pages.length,
    itemsReadMean: itemsRead.reduce((a, b) => a + b, 0) / pages.length,
    itemsReadMax: Math.max(...itemsRead),
    responsesPerPage: pages.reduce((a, p) => a + p.responses, 0) / pages.length,
    latencyMs: {
      p50: percentile(
        pages.map((p) => p.ms),
        50,
      ),
      p95: percentile(
        pages.map((p) => p.ms),
        95,
      ),
    },
  };
};

/**
 * `GET /v1/responses` over 100,000 responses and 365 days: items read and latency per page
 * (limit 100, the first 25 pages) for the whole range, a selective filter
 * (`theme=price&category=detractor`) and a search, against the page bound (10 × limit + 20)
 * and what a scan of the whole range would read.
 */
export const responseListStage: Stage = {
  name: 'response-list',
  run: () =>
    withStack({}, async (stack) => {
      const now = Date.now();
      await seed(stack, now);
      const to = new Date(now).toISOString().slice(0, 10);
      const from = new Date(now - 364 * DAY_MS).toISOString().slice(0, 10);
      const range = `from=${from}&to=${to}`;
      const queries = [
        await walk(stack, 'whole range', range),
        await walk(stack, 'theme=price&category=detractor', `${range}&theme=price&category=detractor`),
        await walk(stack, 'q=retard', `${range}&q=retard`),
        await walk(stack, 'whole range, newest first', `${range}&order=newest`),
      ];
      save('response-list', { responses: RESPONSES, limit: LIMIT, queries });
      return queries.map(
        (q): SummaryRow => [
          `responses list, 365 days of 100,000, ${q.name} (limit ${LIMIT})`,
          `${q.itemsReadMean.toFixed(0)} items read per page (max ${q.itemsReadMax}; bound ${10 * LIMIT + 20}, a scan ` +
            `${RESPONSES.toLocaleString('en')}), ${q.responsesPerPage.toFixed(0)} responses a page, ` +
            `p50 ${q.latencyMs.p50.toFixed(0)} ms, p95 ${q.latencyMs.p95.toFixed(0)} ms`,
        ],
      );
    }),
};
