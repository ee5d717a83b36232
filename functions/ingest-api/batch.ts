import { DependencyUnavailableError } from '../shared/errors';
import { type Problem, problemOf } from '../shared/problems';
import type { ResponseCommands } from '../shared/response-commands';
import { sleep } from '../shared/retry';
import { submitProblem } from './problems';

/** Items of one batch written at a time. */
const BATCH_CONCURRENCY = 8;

/** The answer for one item of a batch. */
export interface BatchItemResult {
  responseId: string | null;
  status: 'accepted' | 'duplicate' | 'rejected';
  error?: Problem;
}

/**
 * Runs `work` over items with bounded concurrency; items sharing a key run one after
 * another, in order. No item starts after `deadline`; items not started are left out.
 */
const mapOrdered = async <T, R>(
  items: T[],
  {
    keyOf,
    deadline,
    results,
  }: { keyOf: (item: T) => string | undefined; deadline: number; results: (R | undefined)[] },
  work: (item: T) => Promise<R>,
): Promise<void> => {
  const lastByKey = new Map<string, Promise<unknown>>();
  const queue = items.map((item, index) => ({ item, index }));
  const worker = async () => {
    for (let next = queue.shift(); next && Date.now() < deadline; next = queue.shift()) {
      const key = keyOf(next.item);
      const previous = key !== undefined ? lastByKey.get(key) : undefined;
      const item = next.item;
      const run = (async () => {
        await previous?.then(
          () => undefined,
          () => undefined, // the earlier item's failure is its own answer
        );
        return work(item);
      })();
      if (key !== undefined) lastByKey.set(key, run);
      results[next.index] = await run;
    }
  };
  await Promise.all(Array.from({ length: BATCH_CONCURRENCY }, worker));
};

const responseIdOf = (item: unknown): string | undefined => {
  const id = (item as { responseId?: unknown } | null)?.responseId;
  return typeof id === 'string' ? id : undefined;
};

/**
 * One item: accepted, duplicate, or rejected with the problem it would have got alone (a 503 one included: retry that
 * item).
 */
const submitItem = async (commands: ResponseCommands, item: unknown): Promise<BatchItemResult> => {
  try {
    const result = await commands.submit(item);
    const problem = submitProblem(result);
    const responseId = result.responseId ?? null;
    return problem
      ? { responseId, status: 'rejected', error: problem.toProblem() }
      : { responseId, status: result.kind as 'accepted' | 'duplicate' };
  } catch (error) {
    return { responseId: responseIdOf(item) ?? null, status: 'rejected', error: problemOf(error).toProblem() };
  }
};

/**
 * What an item not answered by the deadline gets: a retryable 503 problem (it may still land: a retry answers
 * duplicate).
 */
const timedOut = (item: unknown): BatchItemResult => ({
  responseId: responseIdOf(item) ?? null,
  status: 'rejected',
  error: problemOf(
    new DependencyUnavailableError('the batch ran out of its time budget before this item was answered'),
  ).toProblem(),
});

/**
 * Submits the items of a batch, each answered on its own whatever happens to another:
 * items with the same responseId in request order, the rest 8 at a time. At `deadline`
 * the batch answers: items not answered by then are rejected with a retryable 503 problem.
 *
 * @example
 * const results = await submitBatch(commands, body.responses, Date.now() + 3_000);
 */
export const submitBatch = async (
  commands: ResponseCommands,
  items: unknown[],
  deadline: number,
): Promise<BatchItemResult[]> => {
  const results: (BatchItemResult | undefined)[] = new Array(items.length);
  const done = mapOrdered(items, { keyOf: responseIdOf, deadline, results }, (item) => submitItem(commands, item));
  await Promise.race([done, sleep(Math.max(0, deadline - Date.now()))]);
  return items.map((item, i) => results[i] ?? timedOut(item));
};
