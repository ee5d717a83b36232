import { describe, expect, it } from 'vitest';
import { predict, priorState, runFilter, update } from '../../../../domain/forecast/kalman';

describe('the Kalman filter, against steps computed by hand', () => {
  it('local level: the first observation pulls the prior (0 ± 100) almost all the way', () => {
    // F = 1e4 + 100 = 10100; K = 1e4 / 10100; level = 40·K; P = 1e4·100 / 10100
    const step = update(priorState(false), 40, 100);
    expect(step.state.level).toBeCloseTo(39.60396, 4);
    expect(step.state.p00).toBeCloseTo(99.0099, 3);
    expect(step.state.p11).toBe(0);
    // −½(ln(2π·10100) + 40² / 10100)
    expect(step.logLikelihood).toBeCloseTo(-5.608292, 5);
  });

  it('local level: predict adds σ² and keeps the level; the next update weighs by P / (P + R)', () => {
    const noise = { levelSd: 2, slopeSd: 0, trend: false };
    const predicted = predict(update(priorState(false), 40, 100).state, noise);
    expect(predicted.level).toBeCloseTo(39.60396, 4);
    expect(predicted.p00).toBeCloseTo(103.0099, 3);
    // F = 203.0099; K = 103.0099 / 203.0099 = 0.507413; level = 39.60396 + K·(50 − 39.60396)
    const second = update(predicted, 50, 100).state;
    expect(second.level).toBeCloseTo(44.87905, 4);
    expect(second.p00).toBeCloseTo(50.74132, 4);
  });

  it('local linear trend: predict moves the level by the slope and propagates T·P·Tᵀ + Q', () => {
    const next = predict({ level: 10, slope: 1, p00: 4, p01: 1, p11: 1 }, { levelSd: 1, slopeSd: 0.5, trend: true });
    expect(next).toEqual({ level: 11, slope: 1, p00: 4 + 2 * 1 + 1 + 1, p01: 2, p11: 1.25 });
  });

  it('local linear trend: an update corrects level and slope by their gains P00/F and P01/F', () => {
    // F = 8 + 2 = 10, innovation 15 − 11 = 4, gains 0.8 and 0.2
    const step = update({ level: 11, slope: 1, p00: 8, p01: 2, p11: 1.25 }, 15, 2);
    expect(step.state.level).toBeCloseTo(14.2, 10);
    expect(step.state.slope).toBeCloseTo(1.8, 10);
    expect(step.state.p00).toBeCloseTo(1.6, 10);
    expect(step.state.p01).toBeCloseTo(0.4, 10);
    expect(step.state.p11).toBeCloseTo(0.85, 10);
    expect(step.logLikelihood).toBeCloseTo(-0.5 * (Math.log(20 * Math.PI) + 1.6), 10);
  });

  it('skips empty buckets (the state only widens) and leaves the burn-in out of the likelihood', () => {
    const noise = { levelSd: 1, slopeSd: 0, trend: false };
    const withGap = runFilter([{ value: 40, variance: 100 }, null, { value: 50, variance: 100 }], noise);
    const manual = update(predict(predict(update(priorState(false), 40, 100).state, noise), noise), 50, 100).state;
    expect(withGap.state).toEqual(manual);
    expect(withGap.logLikelihood).toBe(0);
    const third = runFilter(
      [
        { value: 40, variance: 100 },
        { value: 50, variance: 100 },
        { value: 45, variance: 100 },
      ],
      noise,
    );
    expect(third.logLikelihood).toBeLessThan(0);
  });
});
