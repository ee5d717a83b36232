/** A response as submitted by the rebuild-scale bench. */
export interface Submitted {
  responseId: string;
  score: number;
  submittedAt: string;
  segments: Record<string, string>;
  comment?: string;
  respondentId?: string;
}

/** Every query answer over a range, by the path that answered it. */
export interface Answers {
  byPath: Map<string, string>;
  count: number;
}

// biome-ignore lint/suspicious/noExplicitAny: answers are checked by the comparisons that read them
const getJson = async (url: string, path: string): Promise<any> => {
  const answer = await fetch(`${url}${path}`);
  if (!answer.ok) throw new Error(`GET ${path} answered ${answer.status}`);
  return answer.json();
};

/**
 * Every respondent view that is not live traffic's, `updatedAt` left out (a rebuild rewrites
 * every view) and `risk` too: risk is assessed when read, by a model learnt from every
 * respondent, live ones included, so it moves with the traffic (its inputs, the views, do not).
 */
const storedViews = async (url: string) => {
  const views: string[] = [];
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const page: { items: { respondentId: string; updatedAt?: string; risk?: unknown }[]; nextCursor: string | null } =
      await getJson(url, `/v1/respondents?limit=1000${cursor ? `&cursor=${cursor}` : ''}`);
    for (const { updatedAt: _updatedAt, risk: _risk, ...view } of page.items) {
      if (!view.respondentId.startsWith('live-')) views.push(JSON.stringify(view));
    }
    cursor = page.nextCursor;
  }
  return views.sort().join('\n');
};

/**
 * What a BI tool and a CRM could ask over the backdated range, for every segment: aggregate,
 * daily and monthly series (weeks would meet this month's live traffic), 90-day rolling, themes, discovered terms,
 * transitions; and the
 * respondent views.
 */
export const readAnswers = async (url: string, { from, to }: { from: string; to: string }): Promise<Answers> => {
  const catalogue: { dimensions: Record<string, string[]> } = await getJson(url, '/v1/segments');
  const segments = [
    'all',
    ...Object.entries(catalogue.dimensions).flatMap(([d, values]) => values.map((v) => `${d}:${v}`)),
  ];
  const rollingFrom = new Date(Date.parse(to) - 300 * 86_400_000).toISOString().slice(0, 10);
  const byPath = new Map<string, string>();
  for (const segment of segments) {
    const s = `segment=${encodeURIComponent(segment)}`;
    for (const path of [
      `/v1/nps?${s}&from=${from}&to=${to}`,
      `/v1/nps/timeseries?${s}&granularity=day&from=${from}&to=${to}`,
      `/v1/nps/timeseries?${s}&granularity=month&from=${from}&to=${to}`,
      `/v1/nps/rolling?${s}&window=90&from=${rollingFrom}&to=${to}`,
      `/v1/themes?${s}&from=${from}&to=${to}`,
      `/v1/themes/discover?${s}&from=${from}&to=${to}`,
      `/v1/transitions?${s}&from=${from}&to=${to}`,
    ])
      byPath.set(path, JSON.stringify(await getJson(url, path)));
  }
  byPath.set('/v1/respondents (every page)', await storedViews(url));
  return { byPath, count: byPath.size };
};

/** The paths whose answer changed. */
export const differingAnswers = (before: Answers, after: Answers): string[] =>
  [...before.byPath].filter(([path, answer]) => after.byPath.get(path) !== answer).map(([path]) => `${path} differs`);

/** Score counts per segment over everything, counted from the submitted responses (independently of the backend). */
const referenceScores = (model: readonly Submitted[]) => {
  const counts = new Map<string, number[]>();
  for (const response of model) {
    for (const segment of ['all', ...Object.entries(response.segments).map(([d, v]) => `${d}:${v}`)]) {
      const scores = counts.get(segment) ?? new Array(11).fill(0);
      scores[response.score]++;
      counts.set(segment, scores);
    }
  }
  return counts;
};

/** Segments whose `/v1/nps` over everything differs from the independent count. */
export const npsMismatches = async (url: string, model: readonly Submitted[]): Promise<string[]> => {
  const wrong: string[] = [];
  for (const [segment, scores] of referenceScores(model)) {
    const answer = await getJson(url, `/v1/nps?segment=${encodeURIComponent(segment)}&from=2000-01-01&to=2100-12-31`);
    if (JSON.stringify(answer.scores) !== JSON.stringify(scores))
      wrong.push(`${segment}: ${answer.scores} vs ${scores}`);
  }
  return wrong;
};

/**
 * The answers once the projection has caught up: read until two reads 5 s apart agree (the
 * counters can be complete while a chunk's later groups, its terms and views, are not yet).
 */
export const settledAnswers = async (url: string, range: { from: string; to: string }): Promise<Answers> => {
  let last = await readAnswers(url, range);
  for (let reads = 1; reads < 60; reads++) {
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const next = await readAnswers(url, range);
    if (differingAnswers(last, next).length === 0) return next;
    last = next;
  }
  throw new Error('the answers never settled');
};

/** What a batch answered for each item. */
type BatchResult = { responseId: string | null; status: string; error?: { status: number } };

/** How long a batch is sent again while a busy store refuses it (503), with pauses doubling from 0.5 s to 16 s. */
const RETRY_FOR_MS = 600_000;

/**
 * Submits a batch as the contract asks clients to: a 503 answer, or items rejected with a
 * 503 of their own (a busy store), are sent again after a growing pause; any other
 * rejection fails. Answers how many times it sent some again.
 */
export const post = async (url: string, responses: readonly Submitted[]): Promise<number> => {
  const deadline = Date.now() + RETRY_FOR_MS;
  let pending = await sendOnce(url, responses);
  let retries = 0;
  for (let pause = 500; pending.length; pause = Math.min(2 * pause, 16_000)) {
    if (Date.now() > deadline)
      throw new Error(`${pending.length} responses still unavailable after ${retries} retries in 10 minutes`);
    await new Promise((resolve) => setTimeout(resolve, pause));
    pending = await sendOnce(url, pending);
    retries++;
  }
  return retries;
};

/** One attempt: answers the responses to send again (all on a 503, else the items rejected with a 503). */
const sendOnce = async (url: string, responses: readonly Submitted[]): Promise<readonly Submitted[]> => {
  const answer = await fetch(`${url}/v1/responses/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ responses }),
  });
  const text = await answer.text();
  if (answer.status === 503) return responses;
  if (!answer.ok) throw new Error(`POST /v1/responses/batch answered ${answer.status}: ${text}`);
  const results = (JSON.parse(text) as { results: BatchResult[] }).results;
  const refused = results.filter((r) => r.status === 'rejected' && r.error?.status !== 503);
  if (refused.length) throw new Error(`${refused.length} responses rejected: ${JSON.stringify(refused[0])}`);
  return responses.filter((_, i) => results[i]!.status === 'rejected');
};
