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
 * How a transaction over versioned documents (term items, respondent views) is tried again
 * when another writer changed one between the read and the write: read again, at once or
 * nearly (21 tries in all).
 */
export const VERSION_RETRY: RetryPolicy = { attempts: 21, baseDelayMs: 5, maxDelayMs: 100 };
