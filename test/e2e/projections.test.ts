import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateSchema, rollingSchema, timeseriesSchema } from '../../functions/shared/api-schemas';
import type { LocalStack } from '../../infra/local/stack';
import { seededRandom } from '../support/random';
import { expectAggregateMatches, hourlyReference, type ModelResponse, sumHours } from '../support/reference';
import { api, mapLimited, startTestStack } from '../support/stack';
import { submitAll } from '../support/submit';

const NOW = Date.UTC(2026, 10, 23, 12);
const DAY = 86_400_000;
const COMBINATIONS = [['plan', 'region']];
const DIMENSIONS: Record<string, string[]> = {
  region: ['eu', 'us', 'apac', 'latam'],
  plan: ['free', 'pro', 'enterprise'],
  channel: ['email', 'web', 'in-app'],
  survey: ['q3', 'q4', 'onboarding'],
};

let stack: LocalStack;
let http: ReturnType<typeof api>;
const model = new Map<string, ModelResponse>();

const random = seededRandom(20261123);
const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const newResponse = (i: number) => {
  const segments: Record<string, string> = {};
  for (const [dimension, values] of Object.entries(DIMENSIONS)) if (random() < 0.85) segments[dimension] = pick(values);
  const submittedAt = new Date(NOW - Math.floor(random() * 60 * DAY)).toISOString();
  return {
    responseId: `load-${i}`,
    score: Math.floor(random() * 11),
    submittedAt,
    segments,
    ...(random() < 0.3 ? { comment: `comment ${i}` } : {}),
  };
};

/** Which hours of the reference a point covers: its hour, or the days from..to. */
const hoursOf = (granularity: string, point: { from: string; to: string }) =>
  granularity === 'hour'
    ? (h: string) => h === point.from.slice(0, 13)
    : (h: string) => h.slice(0, 10) >= point.from && h.slice(0, 10) <= point.to;

beforeAll(async () => {
  stack = await startTestStack({ combinations: COMBINATIONS, now: () => NOW });
  http = api(stack.url, {}, { retryUnavailable: true });
  const bodies = Array.from({ length: 2_100 }, (_, i) => newResponse(i));
  await submitAll(http, bodies);
  for (const b of bodies)
    model.set(b.responseId, { score: b.score, submittedAt: b.submittedAt, segments: b.segments, erased: false });
  const ids = [...model.keys()];
  const duplicates = await mapLimited(ids.slice(0, 200), 16, (id) =>
    http.post(
      '/v1/responses',
      bodies.find((b) => b.responseId === id),
    ),
  );
  expect(duplicates.every((r) => r.status === 200)).toBe(true);
  const conflicts = await mapLimited(ids.slice(200, 300), 16, (id) => {
    const b = bodies.find((x) => x.responseId === id)!;
    return http.post('/v1/responses', { ...b, score: (b.score + 1) % 11 });
  });
  expect(conflicts.every((r) => r.status === 409)).toBe(true);
  const amendments = ids.slice(300, 700).map((id) => ({
    id,
    body: random() < 0.2 ? { comment: 'amended comment only' } : { score: Math.floor(random() * 11) },
  }));
  await mapLimited(amendments, 16, async ({ id, body }) => {
    const response = await http.patch(`/v1/responses/${id}`, body);
    expect([200, 202]).toContain(response.status);
    if ('score' in body && body.score !== undefined) model.get(id)!.score = body.score;
  });
  await mapLimited(ids.slice(600, 800), 16, async (id) => {
    expect([200, 202]).toContain((await http.delete(`/v1/responses/${id}`)).status); // 200: a retried 503 had erased it
    model.get(id)!.erased = true;
  });
  expect((await http.patch(`/v1/responses/${ids[650]}`, { score: 1 })).status).toBe(410);
  await stack.settled();
}, 480_000);
afterAll(() => stack?.stop());

describe('projections equal an independent reference after a mixed load', () => {
  const reference = () => hourlyReference(model.values(), COMBINATIONS);
  const segments = () => [...reference().keys(), 'region:nowhere'];

  it('answers /v1/nps for every segment over many ranges', async () => {
    const ref = reference();
    const ranges = [
      [NOW - 59 * DAY, NOW],
      [NOW - 29 * DAY, NOW],
      [Date.UTC(2026, 9, 1), Date.UTC(2026, 9, 31)],
      [Date.UTC(2026, 9, 2), Date.UTC(2026, 10, 7)],
      [NOW - 3 * DAY, NOW - 3 * DAY],
      [NOW - 400 * DAY, NOW],
    ];
    let checked = 0;
    for (const segment of segments()) {
      for (const [f, t] of ranges) {
        const [from, to] = [day(f!), day(t!)];
        const response = await http.get(`/v1/nps?segment=${encodeURIComponent(segment)}&from=${from}&to=${to}`);
        aggregateSchema.parse(response.body);
        expect(Number(response.headers.get('x-nps-items-read'))).toBeLessThanOrEqual(50);
        expectAggregateMatches(
          response.body,
          sumHours(ref, segment, (h) => h.slice(0, 10) >= from && h.slice(0, 10) <= to),
          `${segment} ${from}..${to}`,
        );
        checked++;
      }
    }
    expect(model.size).toBeGreaterThanOrEqual(2_000);
    expect(checked).toBeGreaterThan(100);
  });

  it('answers every time-series point (hour, day, week, month)', async () => {
    const ref = reference();
    const cases = [
      ['day', day(NOW - 59 * DAY), day(NOW)],
      ['week', day(NOW - 59 * DAY), day(NOW)],
      ['month', day(NOW - 59 * DAY), day(NOW)],
      ['hour', day(NOW - 2 * DAY), day(NOW - DAY)],
    ] as const;
    const pairs = segments().flatMap((segment) =>
      cases.map(([granularity, from, to]) => ({ segment, granularity, from, to })),
    );
    for (const { segment, granularity, from, to } of pairs) {
      const response = await http.get(
        `/v1/nps/timeseries?segment=${encodeURIComponent(segment)}&granularity=${granularity}&from=${from}&to=${to}`,
      );
      const series = timeseriesSchema.parse(response.body);
      for (const point of series.points) {
        expectAggregateMatches(
          point,
          sumHours(ref, segment, hoursOf(granularity, point)),
          `${segment} ${granularity} ${point.from}`,
        );
      }
      const expectedPoints = { day: 60, hour: 48, week: series.points.length, month: series.points.length }[
        granularity
      ];
      expect(series.points).toHaveLength(expectedPoints);
    }
  });

  it('answers every rolling point (7, 30, 90 days)', async () => {
    const ref = reference();
    for (const segment of segments().slice(0, 12)) {
      for (const window of [7, 30, 90]) {
        const range = `from=${day(NOW - 40 * DAY)}&to=${day(NOW)}`;
        const response = await http.get(
          `/v1/nps/rolling?segment=${encodeURIComponent(segment)}&window=${window}&${range}`,
        );
        const series = rollingSchema.parse(response.body);
        expect(series.points).toHaveLength(41);
        expect(Number(response.headers.get('x-nps-items-read'))).toBeLessThanOrEqual(1 + 41 + window);
        for (const point of series.points) {
          expectAggregateMatches(
            point,
            sumHours(ref, segment, (h) => h.slice(0, 10) >= point.from && h.slice(0, 10) <= point.to),
            `${segment} rolling ${window} ${point.to}`,
          );
        }
      }
    }
  });

  it('lists the segments seen', async () => {
    const { dimensions } = (await http.get('/v1/segments')).body;
    for (const [dimension, values] of Object.entries(DIMENSIONS))
      expect(dimensions[dimension]).toEqual([...values].sort());
  });
});
