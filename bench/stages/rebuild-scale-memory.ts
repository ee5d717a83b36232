import { collectFullGcs } from '../../test/soak/memory-trend';
import { rssMb } from '../../test/support/backend-process';

/**
 * Watches the memory of a backend started with `--trace-gc` (pass `onLine` to
 * `startBackend`): `during` answers the peak RSS while some work runs, sampled every
 * 250 ms, and the largest heap a full GC left meanwhile — the live data, which RSS hides
 * under the room V8 keeps for garbage and grows lazily.
 *
 * @example
 * const memory = watchMemory();
 * const backend = await startBackend(port, undefined, { nodeArgs: ['--trace-gc'], onLine: memory.onLine });
 * const { result, peakMb, heapPeakMb } = await memory.during(backend.pid!, () => requestRebuild(url));
 */
export const watchMemory = () => {
  const gcs = collectFullGcs();
  const during = async <T>(pid: number, work: () => Promise<T>) => {
    const from = performance.now() / 60_000;
    let peak = rssMb(pid);
    const timer = setInterval(() => {
      peak = Math.max(peak, rssMb(pid));
    }, 250);
    try {
      const result = await work();
      const during = gcs.heap().filter((s) => s.minute >= from);
      return {
        result,
        peakMb: Math.max(peak, rssMb(pid)),
        heapPeakMb: during.length ? Math.max(...during.map((s) => s.mb)) : undefined,
      };
    } finally {
      clearInterval(timer);
    }
  };
  return { onLine: gcs.onLine, during };
};
