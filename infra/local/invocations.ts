/** Invocations and their total duration, per function name. */
export type Invocations = Record<string, { count: number; totalMs: number }>;

/**
 * Wraps a function so that its invocations are counted and timed (what Lambda would bill;
 * the benchmarks read it).
 *
 * @example
 * const projector = timed(invocations, 'projector', (event) => handler(event, context));
 */
export const timed =
  <A extends unknown[], R>(invocations: Invocations, name: string, fn: (...args: A) => Promise<R>) =>
  async (...args: A): Promise<R> => {
    const started = performance.now();
    try {
      return await fn(...args);
    } finally {
      const stats = invocations[name] ?? { count: 0, totalMs: 0 };
      invocations[name] = stats;
      stats.count++;
      stats.totalMs += performance.now() - started;
    }
  };
