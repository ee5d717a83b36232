import { describe, expect, it } from 'vitest';
import { growthAfterWarmUp, isGcTrace, liveHeapAfterFullGc, mainIsolate, type Sample } from './memory-trend';

// lines as node 20 prints them with --trace-gc
const markCompact =
  '[24631:0x16593d30]    10163 ms: Mark-Compact 29.9 (62.1) -> 20.9 (62.1) MB, 5.70 / 0.04 ms  (+ 7.8 ms in 71 steps ' +
  'since start of marking, biggest step 2.4 ms, walltime since start of marking 22 ms) (average mu = 0.999, current ' +
  'mu = 0.999) finalize incremental marking via task; GC in old space requested';
const reduce =
  '[24631:0x7f9da0000f00]    24378 ms: Mark-Compact (reduce) 10.6 (27.9) -> 8.4 (10.9) MB, 8.76 / 0.03 ms  (+ 2.0 ms ' +
  'in 21 steps since start of marking) finalize incremental marking via task; GC in old space requested';
const scavenge =
  '[24631:0x16593d30]       76 ms: Scavenge 4.6 (4.7) -> 4.2 (5.7) MB, 0.97 / 0.00 ms  (average mu = 1.000, current ' +
  'mu = 1.000) allocation failure; ';

/** A sample every 10 s over 10 minutes. */
const run = (mbAt: (minute: number, i: number) => number): Sample[] =>
  Array.from({ length: 60 }, (_, i) => ({ minute: (i + 1) / 6, mb: mbAt((i + 1) / 6, i) }));

describe('--trace-gc lines', () => {
  it('reads the heap left after a full GC, not the heap before it or the committed size', () => {
    expect(liveHeapAfterFullGc(markCompact)).toEqual({ isolate: '0x16593d30', mb: 20.9 });
    expect(liveHeapAfterFullGc(reduce)).toEqual({ isolate: '0x7f9da0000f00', mb: 8.4 });
  });

  it('ignores young-generation collections and the backend’s own output', () => {
    expect(liveHeapAfterFullGc(scavenge)).toBeUndefined();
    expect(liveHeapAfterFullGc('{"level":"ERROR","message":"Mark-Compact 1 (2) -> 3 (4) MB"}')).toBeUndefined();
    expect(isGcTrace(scavenge)).toBe(true);
    expect(isGcTrace('{"level":"ERROR","message":"x"}')).toBe(false);
  });
});

describe('the main isolate', () => {
  it('keeps the figures of the isolate with the largest heap, not the module loader’s thread', () => {
    const tagged = [
      { minute: 1, mb: 8, isolate: 'loader' },
      { minute: 2, mb: 40, isolate: 'main' },
      { minute: 3, mb: 7, isolate: 'loader' },
      { minute: 4, mb: 38, isolate: 'main' },
    ];
    expect(mainIsolate(tagged)).toEqual([
      { minute: 2, mb: 40 },
      { minute: 4, mb: 38 },
    ]);
  });
});

describe('growth after warm-up', () => {
  it('passes a flat heap whose collections sometimes leave 40% of floating garbage', () => {
    const heap = run((_, i) => 50 + (i % 7 === 3 ? 20 : i % 3));
    expect(growthAfterWarmUp(heap, 10, 'floor').growth).toBeLessThan(0.05);
  });

  it('sees a leak of 2% of the heap a minute that floating garbage would hide from a mean', () => {
    const heap = run((minute, i) => 50 * (1 + 0.02 * minute) + (i % 2 ? 25 : 0));
    expect(growthAfterWarmUp(heap, 10, 'floor').growth).toBeGreaterThan(0.08);
    expect(
      growthAfterWarmUp(
        run((minute) => 50 + 3 * minute),
        10,
        'floor',
      ).growth,
    ).toBeGreaterThan(0.15);
  });

  it('judges RSS peaks, growth only: a drop is not a leak, a climbing peak is', () => {
    expect(
      growthAfterWarmUp(
        run((minute) => (minute < 6 ? 278 : 225)),
        10,
        'peak',
      ).growth,
    ).toBe(0);
    expect(
      growthAfterWarmUp(
        run((minute) => 250 + 10 * minute),
        10,
        'peak',
      ),
    ).toEqual({ before: 300, after: 350, growth: expect.closeTo(1 / 6, 9) });
  });

  it('answers NaN, which no tolerance accepts, when a window has no sample', () => {
    expect(growthAfterWarmUp([{ minute: 1, mb: 50 }], 10, 'floor').growth).toBeNaN();
  });
});
