import { describe, expect, it } from 'vitest';
import { addDays, weekStartOf } from '../../domain/time';
import { seededRandom } from '../support/random';
import { useTestStack } from '../support/stack';
import { submitAll } from '../support/submit';

/** Thursday 2026-12-03, 10:00 UTC: the stack's clock, so that "the last complete week" is fixed. */
const NOW = Date.parse('2026-12-03T10:00:00Z');
const TODAY = '2026-12-03';
const THIS_MONDAY = weekStartOf(TODAY);
const WEEKS = 60;
/** Monday of the first of the 60 complete weeks before this one. */
const FIRST_MONDAY = addDays(THIS_MONDAY, -7 * WEEKS);
/** The known trend: NPS 0 in the first week, +0.5 a week. */
const trend = (week: number) => 0.5 * week;

const { stack, http } = useTestStack({ now: () => NOW });

/**
 * `responses` scores of one week whose NPS is the trend's (to the nearest response):
 * 20% passives, promoters − detractors = NPS × responses / 100, shuffled.
 */
const weekScores = (week: number, responses: number, random: () => number) => {
  const passives = Math.round(0.2 * responses);
  const margin = Math.round((trend(week) / 100) * responses);
  const promoters = (responses - passives + margin) / 2;
  const promoterCount = Math.round(promoters);
  const detractorCount = responses - passives - promoterCount;
  return [
    ...Array.from({ length: promoterCount }, () => 9 + Math.floor(random() * 2)),
    ...Array.from({ length: passives }, () => 7 + Math.floor(random() * 2)),
    ...Array.from({ length: detractorCount }, () => Math.floor(random() * 7)),
  ];
};

/** One segment's responses: `perWeek` a week over the 60 weeks, spread over each week's days and hours. */
const segmentResponses = (plan: string, perWeek: number, weeks: number[]) => {
  const random = seededRandom(perWeek);
  return weeks.flatMap((week) =>
    weekScores(week, perWeek, random).map((score, i) => ({
      responseId: `fc-${plan}-${week}-${i}`,
      score,
      submittedAt: `${addDays(FIRST_MONDAY, 7 * week + (i % 7))}T${String(i % 24).padStart(2, '0')}:30:00Z`,
      segments: { plan },
    })),
  );
};

const weeks = (n: number) => Array.from({ length: n }, (_, week) => week);

interface ForecastPoint {
  from: string;
  to: string;
  nps: number;
  interval80: { low: number; high: number };
  interval95: { low: number; high: number };
}

const width = (p: ForecastPoint) => p.interval95.high - p.interval95.low;

describe('GET /v1/nps/forecast', () => {
  it('seeds a thick and a thin segment with the same trend over 60 backdated weeks, and a new one with 3', async () => {
    await submitAll(http, [
      ...segmentResponses('thick', 60, weeks(WEEKS)),
      ...segmentResponses('thin', 10, weeks(WEEKS)),
      ...segmentResponses('new', 20, [WEEKS - 3, WEEKS - 1, WEEKS - 5]),
    ]);
    await stack().settled();
  }, 180_000); // 4,260 backdated responses: about 30 s alone, over 60 s beside another e2e file

  it('answers the history and 8 weekly buckets after the last complete week, following the trend', async () => {
    const { body, headers } = await http.get(`/v1/nps/forecast?segment=plan:thick&from=${FIRST_MONDAY}`);
    const series = await http.get(
      `/v1/nps/timeseries?segment=plan:thick&granularity=week&from=${FIRST_MONDAY}&to=${TODAY}`,
    );
    expect(body.history).toEqual(series.body.points);
    expect(body.history).toHaveLength(WEEKS + 1);
    expect(body.model).toMatchObject({ fittedBuckets: WEEKS, nonEmptyBuckets: WEEKS });
    expect(body.model.responsesPerBucket).toBe(60);
    expect(Number(headers.get('x-nps-items-read'))).toBeLessThanOrEqual(WEEKS + 2);
    expect(body.forecast.map((p: ForecastPoint) => [p.from, p.to])).toEqual(
      weeks(8).map((h) => [addDays(THIS_MONDAY, 7 * h), addDays(THIS_MONDAY, 7 * h + 6)]),
    );
    body.forecast.forEach((p: ForecastPoint, h: number) => {
      expect(Math.abs(p.nps - trend(WEEKS + h))).toBeLessThan(2);
      expect(p.interval95.low).toBeLessThanOrEqual(p.interval80.low);
      expect(p.interval80.low).toBeLessThanOrEqual(p.nps);
      expect(p.nps).toBeLessThanOrEqual(p.interval80.high);
      expect(p.interval80.high).toBeLessThanOrEqual(p.interval95.high);
    });
  });

  it('widens the intervals of a thin segment with the same trend', async () => {
    const thick = (await http.get(`/v1/nps/forecast?segment=plan:thick&from=${FIRST_MONDAY}`)).body;
    const thin = (await http.get(`/v1/nps/forecast?segment=plan:thin&from=${FIRST_MONDAY}`)).body;
    expect(thin.forecast).toHaveLength(8);
    thin.forecast.forEach((p: ForecastPoint, h: number) => {
      expect(width(p)).toBeGreaterThan(1.5 * width(thick.forecast[h]));
      const truth = trend(WEEKS + h);
      expect(p.interval95.low).toBeLessThan(truth);
      expect(p.interval95.high).toBeGreaterThan(truth);
    });
  });

  it('defaults to the last 52 weeks and 8 buckets, reading at most 60 items; months give 3 buckets', async () => {
    const weekly = await http.get('/v1/nps/forecast?segment=plan:thick');
    expect(weekly.body.history).toHaveLength(52);
    expect(weekly.body.history.at(-1).from).toBe(THIS_MONDAY);
    expect(weekly.body.forecast).toHaveLength(8);
    expect(Number(weekly.headers.get('x-nps-items-read'))).toBeLessThanOrEqual(60);
    const monthly = await http.get('/v1/nps/forecast?segment=plan:thick&granularity=month&horizon=3');
    expect(monthly.body.history).toHaveLength(24);
    expect(monthly.body.history.at(-1).from).toBe('2026-12-01');
    expect(monthly.body.forecast.map((p: ForecastPoint) => p.from)).toEqual(['2026-12-01', '2027-01-01', '2027-02-01']);
    const longer = await http.get(`/v1/nps/forecast?segment=plan:thick&from=${FIRST_MONDAY}&horizon=26`);
    expect(longer.body.forecast).toHaveLength(26);
  });

  it('answers an empty forecast with its reason from fewer than 4 non-empty buckets', async () => {
    const { status, body } = await http.get(`/v1/nps/forecast?segment=plan:new&from=${FIRST_MONDAY}`);
    expect(status).toBe(200);
    expect(body.forecast).toEqual([]);
    expect(body.model).toBeNull();
    expect(body.reason).toMatch(/at least 4 .* has 3/);
    expect(body.history.filter((p: { responses: number }) => p.responses > 0)).toHaveLength(3);
  });

  it('answers CSV: the history rows, then the forecast rows with both intervals', async () => {
    const json = (await http.get(`/v1/nps/forecast?segment=plan:thick&from=${FIRST_MONDAY}`)).body;
    const { text, headers } = await http.get(`/v1/nps/forecast?segment=plan:thick&from=${FIRST_MONDAY}`, {
      accept: 'text/csv',
    });
    expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = text
      .trimEnd()
      .split('\r\n')
      .map((line: string) => line.split(','));
    expect(header).toEqual([
      'segment',
      'granularity',
      'kind',
      'from',
      'to',
      'responses',
      'nps',
      'ci95Low',
      'ci95High',
      'interval80Low',
      'interval80High',
      'interval95Low',
      'interval95High',
    ]);
    const history = rows.filter((row: string[]) => row[2] === 'history');
    const forecast = rows.filter((row: string[]) => row[2] === 'forecast');
    expect(history.map((row: string[]) => [row[3], Number(row[5])])).toEqual(
      json.history.map((p: { from: string; responses: number }) => [p.from, p.responses]),
    );
    expect(
      forecast.map((row: string[]) => row.slice(3, 5).concat(row.slice(6, 7)).concat(row.slice(9)).map(String)),
    ).toEqual(
      json.forecast.map((p: ForecastPoint) =>
        [p.from, p.to, p.nps, p.interval80.low, p.interval80.high, p.interval95.low, p.interval95.high].map(String),
      ),
    );
  });

  it('refuses a horizon outside 1–26, an hour or day granularity and a reversed range, naming the field', async () => {
    for (const [query, path] of [
      ['horizon=27', 'horizon'],
      ['horizon=0', 'horizon'],
      ['horizon=2.5', 'horizon'],
      ['granularity=day', 'granularity'],
      ['from=2026-12-01&to=2026-11-01', 'from'],
    ]) {
      const answer = await http.get(`/v1/nps/forecast?segment=plan:thick&${query}`);
      expect(answer.status).toBe(400);
      expect(answer.body.errors.map((e: { path: string }) => e.path)).toEqual([path]);
    }
  });
});
