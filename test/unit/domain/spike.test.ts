import { describe, expect, it } from 'vitest';
import { DEFAULT_SPIKE_THRESHOLDS, decideSpike, detractorShareTest } from '../../../domain/spike';

const period = (responses: number, detractors: number) => ({ responses, detractors });

describe('detractor-share test (z computed independently)', () => {
  it.each([
    [100, 40, 1000, 200, 0.2, 4.617123504668718],
    [40, 30, 900, 90, 0.65, 12.053994378951938],
    [50, 25, 200, 60, 0.2, 2.670229349172764],
    [35, 8, 1000, 100, 0.12857142857142856, 2.44566473694737],
    [30, 7, 600, 60, 0.13333333333333333, 2.3118181290825794],
  ])('window %i/%i vs baseline %i/%i', (...[n1, d1, n0, d0, lift, z]) => {
    const test = detractorShareTest(period(n1, d1), period(n0, d0));
    expect(test.lift).toBeCloseTo(lift, 12);
    expect(test.z).toBeCloseTo(z, 9);
  });

  it('is undefined without a baseline or without a window', () => {
    expect(detractorShareTest(period(50, 40), period(0, 0))).toEqual({ lift: null, z: null });
    expect(detractorShareTest(period(0, 0), period(50, 5))).toEqual({ lift: null, z: null });
  });

  it('has no z when every response in both periods is a detractor (no variance)', () => {
    expect(detractorShareTest(period(30, 30), period(100, 100))).toEqual({ lift: 0, z: null });
  });
});

describe('decideSpike', () => {
  const t = DEFAULT_SPIKE_THRESHOLDS;
  it('alerts on a significant, large enough lift with enough responses', () => {
    expect(decideSpike(period(30, 30), period(1000, 100), t, false)).toBe('spike'); // 100% detractors: z 14.63
    expect(decideSpike(period(35, 8), period(1000, 100), t, false)).toBe('spike'); // z 2.446 ≥ 2.33
  });

  it('stays quiet under minResponses, without a baseline, under the z threshold', () => {
    expect(decideSpike(period(29, 29), period(1000, 100), t, false)).toBe('none');
    expect(decideSpike(period(50, 40), period(0, 0), t, false)).toBe('none');
    expect(decideSpike(period(30, 7), period(600, 60), t, false)).toBe('none'); // z 2.312 < 2.33
  });

  it('needs the lift: just under 0.10 is quiet, just over alerts', () => {
    expect(decideSpike(period(1000, 300), period(10_000, 2_001), t, false)).toBe('none'); // lift 0.0999
    expect(decideSpike(period(1000, 300), period(10_000, 1_999), t, false)).toBe('spike'); // lift 0.1001
  });

  it('alerts once per episode and recovers below half the lift or on an empty window', () => {
    expect(decideSpike(period(30, 30), period(1000, 100), t, true)).toBe('none');
    expect(decideSpike(period(100, 16), period(1000, 100), t, true)).toBe('none'); // lift 0.06 ≥ 0.05
    expect(decideSpike(period(100, 14), period(1000, 100), t, true)).toBe('recover'); // lift 0.04
    expect(decideSpike(period(0, 0), period(1000, 100), t, true)).toBe('recover');
  });
});
