import { pickWith, seededRandom } from '../../test/support/random';
import { DIMENSIONS } from './rebuild';
import { post, type Submitted } from './rebuild-scale-answers';

/** The rebuild-scale stage's load: the backdated history it stores, and the live traffic during the rebuild. */

export const DAY_MS = 86_400_000;
const COMMENTS = [
  'Livraison en retard',
  'Great support, quick answer',
  'Far too expensive',
  'Personnel adorable',
  'Slow refund process',
];

/**
 * Backdated responses over the two years before this month, 4 dimensions, comments on 40%, a
 * respondent on half; in time order, as an import of history sends them, so that the live
 * projector's batches coalesce into few items (in random order each response costs its own
 * hour, day, week and month counters in every segment: 66 responses/s here, 50 minutes for
 * 200,000). The rebuild's scan meets them in hash order whatever the order they came in.
 */
export const history = (size: number, monthStart: number): Submitted[] => {
  const random = seededRandom(size);
  const pick = pickWith(random);
  const times = Array.from({ length: size }, () => monthStart - 1 - Math.floor(random() * 730 * DAY_MS)).sort(
    (a, b) => a - b,
  );
  return times.map((time, i) => ({
    responseId: `scale-${i}`,
    score: Math.floor(random() * 11),
    submittedAt: new Date(time).toISOString(),
    segments: Object.fromEntries(Object.entries(DIMENSIONS).map(([d, values]) => [d, pick(values)])),
    ...(random() < 0.4 ? { comment: pick(COMMENTS) } : {}),
    ...(random() < 0.5 ? { respondentId: `person-${i % Math.ceil(size / 4)}` } : {}),
  }));
};

/** Submits in batches of 100, two in flight (a 503 is retried, as the contract asks). */
export const submitAll = async (url: string, responses: readonly Submitted[]) => {
  const batches = Array.from({ length: Math.ceil(responses.length / 100) }, (_, i) =>
    responses.slice(i * 100, i * 100 + 100),
  );
  const sender = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) await post(url, batch);
  };
  await Promise.all([sender(), sender()]);
};

/**
 * Waits until `/v1/nps` over everything counts `count` responses; fails only when the count
 * stops moving for 5 minutes (200,000 backdated responses take longer than any fixed deadline).
 */
export const settled = async (url: string, count: number) => {
  for (
    let last = -1, movedAt = Date.now();
    Date.now() < movedAt + 300_000;
    await new Promise((r) => setTimeout(r, 2_000))
  ) {
    const answer = await fetch(`${url}/v1/nps?from=2000-01-01&to=2100-12-31`);
    const responses = answer.ok ? ((await answer.json()) as { responses: number }).responses : last; // a 503 of a busy store: ask again
    if (responses === count) return;
    if (responses !== last) [last, movedAt] = [responses, Date.now()];
  }
  throw new Error(`the projection stopped short of ${count} responses`);
};

/** Live traffic during the rebuild: 5 responses of this month every 500 ms (10/s), until stopped. */
export const liveTraffic = (url: string, model: Submitted[]) => {
  let running = true;
  let retries = 0;
  let failure: unknown;
  const done = (async () => {
    for (let i = 0; running; i++) {
      const batch = Array.from({ length: 5 }, (_, j) => ({
        responseId: `live-${i}-${j}`,
        score: (i + j) % 11,
        submittedAt: new Date().toISOString(),
        segments: { region: 'eu', plan: 'pro', channel: 'web', survey: 'q1' },
        ...(j % 2 ? { respondentId: `live-person-${i}`, comment: 'Livraison rapide' } : {}),
      }));
      retries += await post(url, batch);
      model.push(...batch);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  })().catch((error: unknown) => {
    failure = error; // reported when stopped, not as an unhandled rejection that hides why the run ended
  });
  return async () => {
    running = false;
    await done;
    if (failure) throw failure;
    return retries;
  };
};
