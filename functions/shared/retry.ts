/**
 * Every retried call of the backend goes through `retry` (a call tried again while its error
 * is retryable) or `resendRemaining` (a batch call whose leftovers are sent again), with one
 * of the policies below: how retries behave is decided here and nowhere else.
 */

/** How a failing call is retried: how many attempts, and exponential backoff with full jitter. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Upper bound of the first retry's delay; it doubles with each retry up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The delay before retry number `retry` (0 for the first retry): uniformly random up to
 * `min(maxDelayMs, baseDelayMs × 2^retry)` ("full jitter"), so that writers that collided
 * spread out instead of colliding again.
 *
 * @example
 * backoffDelay(3, { attempts: 6, baseDelayMs: 20, maxDelayMs: 1_000 }); // somewhere in [0, 160) ms
 */
export const backoffDelay = (retry: number, policy: RetryPolicy, random: () => number = Math.random): number =>
  random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);

export interface RetryOptions {
  policy: RetryPolicy;
  /** True for an error worth another attempt; any other error is thrown at once. */
  retryable: (error: unknown) => boolean;
  /** The error to throw when the attempts ran out (default: the last error). */
  exhausted?: (lastError: unknown) => Error;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Calls `call` until it succeeds, the error is not retryable, or the policy's attempts ran
 * out, sleeping `backoffDelay` between attempts.
 *
 * @example
 * await retry(() => client.send(command), { policy: CONTENTION_RETRY, retryable: isRetryableCancellation });
 */
export const retry = async <T>(call: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> => {
  const pause = options.sleep ?? sleep;
  for (let attempt = 0; ; attempt++) {
    const outcome = await settle(() => call(attempt));
    if (outcome.ok) return outcome.value;
    if (!options.retryable(outcome.error)) throw outcome.error;
    if (attempt + 1 >= options.policy.attempts) throw options.exhausted?.(outcome.error) ?? outcome.error;
    await pause(backoffDelay(attempt, options.policy));
  }
};

/** A call's value or error, as data. */
const settle = async <T>(call: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> => {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return { ok: false, error };
  }
};

/**
 * Calls `send` with what is pending until nothing is left (it answers what it left over:
 * throttled keys, entries refused one by one), sleeping `backoffDelay` between rounds; once
 * the policy's attempts are spent, answers what is still pending.
 *
 * @example
 * const left = await resendRemaining(keys, async (batch) => (await getBatch(batch)).unprocessed, { policy:
 * UNPROCESSED_RETRY });
 */
export const resendRemaining = async <T>(
  pending: T[],
  send: (batch: T[]) => Promise<T[]>,
  { policy, sleep: pause = sleep }: { policy: RetryPolicy; sleep?: (ms: number) => Promise<void> },
): Promise<T[]> => {
  let left = pending;
  for (let round = 0; round < policy.attempts && left.length; round++) {
    if (round > 0) await pause(backoffDelay(round - 1, policy));
    left = await send(left);
  }
  return left;
};

/**
 * A transaction cancelled by contention (concurrent writers of the same items) or
 * throttling: 7 attempts, about 1.3 s of jittered backoff at most, then `ContentionError`.
 */
export const CONTENTION_RETRY: RetryPolicy = { attempts: 7, baseDelayMs: 20, maxDelayMs: 640 };

/** Keys or items a batch call left unprocessed (DynamoDB throttling): 8 rounds, then 503. */
export const UNPROCESSED_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 25, maxDelayMs: 1_000 };

/**
 * A command's read-decide-append that lost the optimistic-concurrency race: read again and
 * decide again, spread out so that racing writers stop colliding, 5 times, then 503.
 */
export const APPEND_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 25, maxDelayMs: 200 };

/**
 * Events EventBridge did not accept (or a call that failed as a whole): 5 rounds, up to 200 ms, 400 ms, … 5 s apart.
 */
export const PUBLISH_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 200, maxDelayMs: 5_000 };

/** A chunk planned under a projection meta that a rebuild moved on: read the meta, plan again, 6 times in all. */
export const META_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 0, maxDelayMs: 0 };

/**
 * A transaction over versioned documents (term items, respondent views) that another
 * writer changed between the read and the write: read again, at once or nearly, 21 times.
 */
export const VERSION_RETRY: RetryPolicy = { attempts: 21, baseDelayMs: 5, maxDelayMs: 100 };

/**
 * A step of the one-invocation rebuild that met a busy or unavailable store: as the state
 * machine retries its steps (6 attempts, 5 s doubling, at most 2 min). A worker resumes from
 * its checkpoint and a page written again counts once, so a retried step is safe.
 */
export const STEP_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 5_000, maxDelayMs: 120_000 };
