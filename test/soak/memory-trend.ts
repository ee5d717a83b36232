/**
 * Reads V8's `--trace-gc` lines. A full collection (Mark-Compact) leaves only what is still
 * reachable, so the heap size after one is the process's live data: the number a leak
 * raises. The resident size (RSS) is not: V8 lets garbage pile up to a multiple of the live
 * data before it collects, and grows that room lazily, so a process without a leak still
 * sees its RSS climb for a long while under steady load.
 *
 * @example
 * liveHeapAfterFullGc('[123:0x5f]  10163 ms: Mark-Compact 29.9 (62.1) -> 20.9 (62.1) MB, …'); // { isolate: '0x5f', mb:
 * 20.9 }
 * liveHeapAfterFullGc('[123:0x5f]     76 ms: Scavenge 4.6 (4.7) -> 4.2 (5.7) MB, …'); // undefined
 */
const FULL_GC =
  /^\[\d+:(0x[0-9a-f]+)\]\s+[\d.]+ ms: Mark-Compact(?: \([a-z ]+\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/;

/**
 * The heap in use after a full GC, MB, and the isolate it is of, when `line` reports one. A
 * process has more than one isolate (tsx's module loader runs on a thread of its own): only
 * the main one's figures describe the program.
 */
export const liveHeapAfterFullGc = (line: string): { isolate: string; mb: number } | undefined => {
  const match = FULL_GC.exec(line);
  return match ? { isolate: match[1]!, mb: Number(match[2]) } : undefined;
};

/** The series of the isolate with the largest heap (the main thread's), from samples tagged with their isolate. */
export const mainIsolate = (samples: (Sample & { isolate: string })[]): Sample[] => {
  const largest = samples.reduce<(Sample & { isolate: string }) | undefined>(
    (top, s) => (!top || s.mb > top.mb ? s : top),
    undefined,
  );
  return samples.filter((s) => s.isolate === largest?.isolate).map(({ minute, mb }) => ({ minute, mb }));
};

/** Whether `line` is any `--trace-gc` report (not to be echoed as the backend's output). */
export const isGcTrace = (line: string): boolean => /^\[\d+:0x[0-9a-f]+\]\s+[\d.]+ ms: /.test(line);

/** A memory figure at a time of the run, MB. */
export type Sample = { minute: number; mb: number };

/** The highest or lowest figure of a window; NaN without any, which no tolerance accepts. */
const extreme = (samples: Sample[], pick: (...values: number[]) => number) =>
  samples.length ? pick(...samples.map((s) => s.mb)) : Number.NaN;

/**
 * Growth after warm-up of a run of `minutes` (the first quarter is warm-up), as a fraction,
 * 0 when memory fell; NaN when a window has no sample.
 * - `peak` (RSS samples): the peak over the last half against the peak over the second
 *   quarter. A leak raises the peaks; the collector's sawtooth and memory handed back to
 *   the OS do not.
 * - `floor` (heap after full GCs): the lowest over the last quarter against the lowest over
 *   the second quarter. A leak raises what every collection leaves; a collection that
 *   ends while the program allocates fast leaves garbage allocated during its marking (a
 *   high point that the next one clears), which the lowest value ignores.
 *
 * @example
 * growthAfterWarmUp([{ minute: 3, mb: 50 }, { minute: 8, mb: 60 }], 10, 'floor'); // { before: 50, after: 60, growth:
 * 0.2 }
 */
export const growthAfterWarmUp = (series: Sample[], minutes: number, by: 'peak' | 'floor') => {
  const within = (from: number, to: number) => series.filter((s) => s.minute > from && s.minute <= to);
  const warm = within(minutes / 4, minutes / 2);
  const before = by === 'peak' ? extreme(warm, Math.max) : extreme(warm, Math.min);
  const after =
    by === 'peak'
      ? extreme(within(minutes / 2, Infinity), Math.max)
      : extreme(within((3 * minutes) / 4, Infinity), Math.min);
  return { before, after, growth: Math.max(0, after / before - 1) };
};

/**
 * Collects the full-GC figures of a backend started with `--trace-gc`: pass `onLine` to
 * `startBackend` (other lines are echoed); `heap()` answers the main isolate's series, by
 * minutes of `clock` (ms).
 *
 * @example
 * const gc = collectFullGcs(() => Date.now() - started);
 * const backend = await startBackend(port, dir, { nodeArgs: ['--trace-gc'], onLine: gc.onLine });
 * gc.heap(); // [{ minute: 0.4, mb: 38.2 }, …]
 */
export const collectFullGcs = (clock: () => number = () => performance.now()) => {
  const tagged: (Sample & { isolate: string })[] = [];
  const onLine = (line: string) => {
    const live = liveHeapAfterFullGc(line);
    if (live) tagged.push({ minute: clock() / 60_000, ...live });
    else if (!isGcTrace(line)) console.log(line);
  };
  return { onLine, heap: () => mainIsolate(tagged) };
};
