import * as z from 'zod';
import { countBuckets } from '../../domain/buckets';
import type { DiscoveredTerm } from '../../domain/term-report';
import type { ThemeFigures } from '../../domain/theme-report';
import { validationProblem } from '../shared/http';
import { type Route, route } from '../shared/http-handler';
import { csvTable } from './csv';
import { MAX_TIMESERIES_POINTS, npsParams, timeseriesParams } from './params';
import { type QueryContext, rangeOf, respond, segmentOf, tooManyPoints } from './request';
import type { ThemeQueries } from './theme-queries';

export const themesParams = npsParams;
export const themeTimeseriesParams = timeseriesParams.extend({
  theme: z.string().min(1).max(40).meta({ description: 'a theme id of the taxonomy' }),
});

export const discoverParams = npsParams.extend({
  limit: z
    .string()
    .regex(/^([1-9]|[1-4][0-9]|50)$/u, { error: 'must be a whole number from 1 to 50' })
    .transform(Number)
    .default(20)
    .meta({ description: 'terms per list, 1–50 (default 20)' }),
});

const DISCOVER_COLUMNS = [
  'segment',
  'from',
  'to',
  'side',
  'rank',
  'term',
  'language',
  'count',
  'detractorCount',
  'promoterCount',
  'z',
];

const THEME_COLUMNS = [
  'segment',
  'from',
  'to',
  'theme',
  'label',
  'mentions',
  'promoters',
  'passives',
  'detractors',
  'npsAmongMentions',
  'ci95Low',
  'ci95High',
  'shareOfComments',
  'shareOfDetractorComments',
  'positive',
  'negative',
  'neutral',
  'mixed',
  'impact',
];

const SERIES_COLUMNS = [
  'theme',
  'segment',
  'from',
  'to',
  'commented',
  'mentions',
  'promoters',
  'passives',
  'detractors',
  'shareOfComments',
  'npsAmongMentions',
  'positive',
  'negative',
  'neutral',
  'mixed',
];

const themeRow = (range: { segment: string; from: string; to: string }, t: ThemeFigures) => [
  range.segment,
  range.from,
  range.to,
  t.theme,
  t.label,
  t.mentions,
  t.promoters,
  t.passives,
  t.detractors,
  t.npsAmongMentions,
  t.ci95?.low ?? null,
  t.ci95?.high ?? null,
  t.shareOfComments,
  t.shareOfDetractorComments,
  t.sentiment.positive,
  t.sentiment.negative,
  t.sentiment.neutral,
  t.sentiment.mixed,
  t.impact,
];

const termRows = (range: { segment: string; from: string; to: string }, side: string, terms: DiscoveredTerm[]) =>
  terms.map((t, i) => [
    range.segment,
    range.from,
    range.to,
    side,
    i + 1,
    t.term,
    t.language,
    t.count,
    t.detractorCount,
    t.promoterCount,
    t.z,
  ]);

/** `/v1/themes` (key drivers), `/v1/themes/timeseries` and `/v1/themes/discover`. */
export const themeRoutes = (queries: ThemeQueries, context: QueryContext): Record<string, Route> => ({
  'GET /v1/themes': route(themesParams, async (event, params) => {
    const { from, to } = rangeOf(context, params);
    const result = await queries.themes(segmentOf(context, params.segment), from, to);
    const csv = () =>
      csvTable(
        THEME_COLUMNS,
        result.body.themes.map((theme) => themeRow(result.body, theme)),
      );
    return respond(event, result, { format: params.format, csv });
  }),
  'GET /v1/themes/discover': route(discoverParams, async (event, params) => {
    const { from, to } = rangeOf(context, params);
    const result = await queries.discover({
      segment: segmentOf(context, params.segment),
      from,
      to,
      limit: params.limit,
    });
    const csv = () =>
      csvTable(DISCOVER_COLUMNS, [
        ...termRows(result.body, 'detractor', result.body.detractorTerms),
        ...termRows(result.body, 'promoter', result.body.promoterTerms),
      ]);
    return respond(event, result, { format: params.format, csv });
  }),
  'GET /v1/themes/timeseries': route(themeTimeseriesParams, async (event, params) => {
    if (!queries.taxonomy.themes.some((t) => t.id === params.theme)) {
      throw validationProblem([
        { path: 'theme', message: `unknown theme; themes: ${queries.taxonomy.themes.map((t) => t.id).join(', ')}` },
      ]);
    }
    const { from, to } = rangeOf(context, params);
    const points = countBuckets(params.granularity, from, to);
    if (points > MAX_TIMESERIES_POINTS) throw tooManyPoints(points, MAX_TIMESERIES_POINTS);
    const segment = segmentOf(context, params.segment);
    const result = await queries.themeTimeseries({
      theme: params.theme,
      segment,
      granularity: params.granularity,
      from,
      to,
    });
    const csv = () =>
      csvTable(
        SERIES_COLUMNS,
        result.body.points.map((p) => [
          params.theme,
          segment,
          p.from,
          p.to,
          p.commented,
          p.mentions,
          p.promoters,
          p.passives,
          p.detractors,
          p.shareOfComments,
          p.npsAmongMentions,
          p.sentiment.positive,
          p.sentiment.negative,
          p.sentiment.neutral,
          p.sentiment.mixed,
        ]),
      );
    return respond(event, result, { format: params.format, csv });
  }),
});
