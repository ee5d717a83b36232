import { describe, expect, it } from 'vitest';
import { backtest } from '../../../../domain/forecast/backtest';
import { fitNoise, forecastNps } from '../../../../domain/forecast/model';
import { futureSampling, observationsOf, perResponseVariance } from '../../../../domain/forecast/sampling';
import { syntheticFamily, syntheticSeries } from '../../../support/forecast-series';

/** Weeks whose NPS follows `nps(t)` exactly, at `responses` per week with no passives. */
const exactWeeks = (weeks: number, responses: number, nps: (t: number) => number) =>
  Array.from({ length: weeks }, (_, t) => {
    const promoters = Math.round((responses * (1 + nps(t) / 100)) / 2);
    return { responses, promoters, detractors: responses - promoters };
  });

describe('sampling noise', () => {
  it('is 1e4·(p + d − (p − d)²) per response, shrunk towards the pooled shares', () => {
    expect(perResponseVariance(0.5, 0.2)).toBeCloseTo(6100, 9);
    const [empty, full] = observationsOf([
      { responses: 0, promoters: 0, detractors: 0 },
      { responses: 6, promoters: 6, detractors: 0 },
      { responses: 14, promoters: 0, detractors: 14 },
    ]);
    expect(empty).toBeNull();
    // pooled shares 6/20 and 14/20; shrunk: (6 + 10·0.3) / 16 and (0 + 10·0.7) / 16
    expect(full).toEqual({ value: 100, variance: perResponseVariance(9 / 16, 7 / 16) / 6 });
  });

  it('assumes the recent volume for future buckets', () => {
    const weeks = [
      ...exactWeeks(8, 400, () => 20),
      { responses: 0, promoters: 0, detractors: 0 },
      ...exactWeeks(4, 40, () => 20),
    ];
    const future = futureSampling(weeks);
    expect(future.responses).toBe(40);
    expect(future.variance).toBeCloseTo(perResponseVariance(0.6, 0.4) / 40, 6);
  });
});

describe('forecastNps', () => {
  it('gives no forecast, and says why, from fewer than 4 non-empty buckets', () => {
    const weeks = [...exactWeeks(3, 50, () => 10), { responses: 0, promoters: 0, detractors: 0 }];
    const forecast = forecastNps(weeks, 8);
    expect(forecast.steps).toEqual([]);
    expect(forecast.model).toBeNull();
    expect('reason' in forecast && forecast.reason).toMatch(/at least 4 .*has 3/);
  });

  it('follows a clean trend with a trend model, with nested intervals widening with the horizon', () => {
    const forecast = forecastNps(
      exactWeeks(52, 2000, (t) => -20 + t),
      8,
    );
    expect(forecast.model?.name).toBe('local-linear-trend');
    forecast.steps.forEach((step, h) => {
      expect(step.nps).toBeCloseTo(-20 + 52 + h, 0);
      expect(step.interval95.low).toBeLessThan(step.interval80.low);
      expect(step.interval80.low).toBeLessThan(step.nps);
      expect(step.interval80.high).toBeGreaterThan(step.nps);
      expect(step.interval95.high).toBeGreaterThan(step.interval80.high);
    });
    const width = (h: number) => forecast.steps[h]!.interval95.high - forecast.steps[h]!.interval95.low;
    expect(width(7)).toBeGreaterThan(width(0));
  });

  it('prefers a local level for a flat series, and widens its intervals when the volume is thin', () => {
    const thick = forecastNps(
      exactWeeks(52, 500, () => 30),
      4,
    );
    const thin = forecastNps(
      exactWeeks(52, 12, () => 30),
      4,
    );
    expect(thick.model?.name).toBe('local-level');
    const width = (f: typeof thick) => f.steps[0]!.interval80.high - f.steps[0]!.interval80.low;
    expect(width(thin)).toBeGreaterThan(3 * width(thick));
  });

  it('keeps the expected NPS and its intervals within −100..100', () => {
    const forecast = forecastNps(
      exactWeeks(20, 30, (t) => Math.min(100, 60 + 3 * t)),
      8,
    );
    for (const step of forecast.steps) {
      for (const value of [step.nps, step.interval95.low, step.interval95.high])
        expect(Math.abs(value)).toBeLessThanOrEqual(100);
    }
  });

  it('fits a larger level noise to a series that jumps than to one that does not', () => {
    const calm = syntheticSeries('stable', 11).buckets;
    const jumpy = exactWeeks(52, 300, (t) => (Math.floor(t / 6) % 2 === 0 ? 10 : 40));
    expect(fitNoise(observationsOf(jumpy)).levelSd).toBeGreaterThan(fitNoise(observationsOf(calm)).levelSd);
  });
});

describe('backtest', () => {
  it('scores every (origin, horizon) with a non-empty future bucket, and a broken model shows', () => {
    const series = syntheticFamily('trending', 2);
    const result = backtest(series, { maxHorizon: 4, minHistory: 12, window: 52 });
    // 104 weeks: origins 12..103, each scoring the horizons that stay inside the series
    expect(result.points).toBe(2 * (92 * 4 - (1 + 2 + 3)));
    expect(result.mae).toBeLessThan(result.naiveMae);
    expect(result.coverage95).toBeGreaterThan(result.coverage80);
    // the same forecasts with intervals a third as wide (sampling noise forgotten) must show as under-covering
    const narrow = backtest(series, {
      maxHorizon: 4,
      minHistory: 12,
      window: 52,
      forecaster: (buckets, horizon) => {
        const forecast = forecastNps(buckets, horizon);
        const shrink = ({ low, high }: { low: number; high: number }, centre: number) => ({
          low: centre - (centre - low) / 3,
          high: centre + (high - centre) / 3,
        });
        return {
          ...forecast,
          steps: forecast.steps.map((s) => ({ ...s, interval95: shrink(s.interval95, s.nps) })),
        } as typeof forecast;
      },
    });
    expect(narrow.mae).toBe(result.mae);
    expect(narrow.coverage95).toBeLessThan(result.coverage95 - 20);
  });
});
