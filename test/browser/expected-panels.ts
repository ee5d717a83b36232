import { expect } from 'vitest';
import type { api } from '../support/stack';

/** The dashboard's selection, as its URL holds it. */
export interface Selection {
  segment: string;
  dimension: string;
  from: string;
  to: string;
  granularity: 'day' | 'week' | 'month';
}

/**
 * NPS per value of the dimension: within the segment through the configured combination, over all responses otherwise.
 */
const byDimensionOf = async (
  get: (path: string) => Promise<any>,
  s: Selection,
  catalogue: { dimensions: Record<string, string[]>; combinations: string[][] },
) => {
  const values = catalogue.dimensions[s.dimension]!;
  const rowsFor = async (prefix: string) => {
    const rows = [];
    for (const value of values) {
      const a = await get(
        `/v1/nps?segment=${encodeURIComponent(`${prefix}${s.dimension}:${value}`)}&from=${s.from}&to=${s.to}`,
      );
      rows.push({ value, nps: a.nps, low: a.ci95?.low ?? null, high: a.ci95?.high ?? null, responses: a.responses });
    }
    return rows;
  };
  const dimensions = [s.dimension, ...s.segment.split(',').map((part) => part.split(':')[0]!)].sort();
  const scoped =
    s.segment !== 'all' && catalogue.combinations.some((combination) => combination.join() === dimensions.join());
  return { scoped, byDimension: await rowsFor(scoped ? `${s.segment},` : '') };
};

const DAY = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The headline strip: the range's aggregate, and its change against the previous range of equal length (z test). */
const headlineOf = (current: any, previous: any) => {
  const error = (a: any) =>
    100 * Math.sqrt((a.promoterShare + a.detractorShare - (a.promoterShare - a.detractorShare) ** 2) / a.responses);
  const comparable = current.responses > 0 && previous.responses > 0;
  const change = comparable ? current.nps - previous.nps : null;
  const z = change === null ? null : change / Math.sqrt(error(current) ** 2 + error(previous) ** 2);
  return {
    nps: current.nps,
    low: current.ci95.low,
    high: current.ci95.high,
    responses: current.responses,
    shares: { promoter: current.promoterShare, passive: current.passiveShare, detractor: current.detractorShare },
    previous: { from: previous.from, to: previous.to, nps: previous.nps, responses: previous.responses },
    change: change === null ? null : expect.closeTo(change, 10),
    z: z === null ? null : expect.closeTo(z, 10),
    significant: z !== null && Math.abs(z) >= 1.96,
  };
};

/** The range of equal length before a selection's. */
export const previousRangeOf = (s: Pick<Selection, 'from' | 'to'>) => {
  const days = (Date.parse(s.to) - Date.parse(s.from)) / DAY + 1;
  return { from: dayOf(Date.parse(s.from) - days * DAY), to: dayOf(Date.parse(s.from) - DAY) };
};

/**
 * What each panel must plot for a selection, computed here from the API's answers (every
 * answer validated against the OpenAPI document by the client), independently of the page's code.
 */
export const expectedPanels = async (http: ReturnType<typeof api>, s: Selection) => {
  const get = async (path: string) => {
    const answer = await http.get(path);
    expect(answer.status, path).toBe(200);
    return answer.body;
  };
  const range = `from=${s.from}&to=${s.to}`;
  const seg = encodeURIComponent(s.segment);
  const series = await get(`/v1/nps/timeseries?segment=${seg}&${range}&granularity=${s.granularity}`);
  const forecast = await get(
    `/v1/nps/forecast?segment=${seg}&${range}&granularity=${s.granularity === 'month' ? 'month' : 'week'}`,
  );
  const aggregate = await get(`/v1/nps?segment=${seg}&${range}`);
  const previous = previousRangeOf(s);
  const before = await get(`/v1/nps?segment=${seg}&from=${previous.from}&to=${previous.to}`);
  const catalogue = await get('/v1/segments');
  const themes = await get(`/v1/themes?segment=${seg}&${range}`);
  const terms = await get(`/v1/themes/discover?segment=${seg}&${range}`);
  const only = s.segment === 'all' ? '' : `&segment=${seg}`;
  const alerts = await get(`/v1/alerts?limit=10${only}`);
  const detractors = await get(`/v1/respondents?category=detractor&order=newest&limit=10${only}`);
  const last = series.points.at(-1)?.from ?? '';
  const { scoped, byDimension } = await byDimensionOf(get, s, catalogue);
  const comments = [];
  for (const view of detractors.items) {
    const response = await get(`/v1/responses/${encodeURIComponent(view.latest.responseId)}`);
    comments.push({
      respondentId: view.respondentId,
      responseId: response.responseId,
      score: response.score,
      submittedAt: response.submittedAt,
      comment: response.comment ?? null,
      themes: (response.analysis?.themes ?? []).map((t: any) => ({ theme: t.theme, sentiment: t.sentiment })),
      status: response.loop.status,
    });
  }
  const loop = await get(`/v1/loop?segment=${seg}&${range}`);
  const open = await get(
    `/v1/responses?${range}${only}&loop=open&order=newest&limit=10&fields=responseId,score,submittedAt,respondentId,comment,loop`,
  );
  return {
    headline: headlineOf(aggregate, before),
    trend: {
      x: series.points.map((p: any) => p.from),
      nps: series.points.map((p: any) => p.nps),
      low: series.points.map((p: any) => p.ci95?.low ?? null),
      high: series.points.map((p: any) => p.ci95?.high ?? null),
      forecast: forecast.forecast
        .filter((f: any) => f.from > last)
        .map((f: any) => ({ from: f.from, nps: f.nps, interval80: f.interval80, interval95: f.interval95 })),
    },
    forecastReason: forecast.reason ?? null,
    distribution: { scores: aggregate.scores, nps: aggregate.nps, responses: aggregate.responses },
    byDimensionScope: scoped ? s.segment : 'all',
    byDimension,
    themes: themes.themes
      .filter((t: any) => t.mentions > 0)
      .slice(0, 10)
      .map((t: any) => ({
        theme: t.theme,
        label: t.label,
        impact: t.impact,
        mentions: t.mentions,
        sentiment: t.sentiment,
      })),
    terms: { detractor: terms.detractorTerms.slice(0, 8), promoter: terms.promoterTerms.slice(0, 8) },
    alerts,
    comments,
    loop: {
      detractors: loop.detractors,
      contacted: loop.contacted,
      contactedShare: loop.contactedShare,
      contactedWithin48hShare: loop.contactedWithin48hShare,
      medianHoursToFirstContact: loop.medianHoursToFirstContact,
      resolvedShare: loop.resolvedShare,
      recovery: { contacted: loop.recovery.contacted.share, notContacted: loop.recovery.notContacted.share },
    },
    open: open.items.map((r: any) => ({
      responseId: r.responseId,
      score: r.score,
      submittedAt: r.submittedAt,
      respondentId: r.respondentId ?? null,
      comment: r.comment ?? null,
      status: r.loop.status,
    })),
  };
};
