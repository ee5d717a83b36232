import type { Taxonomy } from '../../domain/analysis/taxonomy';
import { bucketsMeeting, type Granularity } from '../../domain/buckets';
import { addHistograms, emptyHistogram } from '../../domain/histogram';
import { npsStatistics } from '../../domain/nps';
import { planRange } from '../../domain/range-plan';
import { sumTermItems } from '../../domain/term-counts';
import { discoverTerms } from '../../domain/term-report';
import { commentedOf, themeFigures, themeReport } from '../../domain/theme-report';
import { addTallies, type Tallies } from '../../domain/theme-tallies';
import { type Day, monthEnd, monthOf, monthStart } from '../../domain/time';
import type { ProjectionStore } from '../projection-engine/store';
import { bucketKey, type Counter, readCounterRange, readCounters } from '../projections/counters';
import { readTerms } from '../projections/terms';
import type { Answer } from './queries';

const EMPTY: Counter = { scores: emptyHistogram(), tallies: {} };

/** Signed sum of counters (the range plan subtracts the days a month bucket has beyond the range). */
const sumCounters = (counters: Counter[], signs: number[]): Counter => ({
  scores: addHistograms(
    counters.map((c) => c.scores),
    signs,
  ),
  tallies: counters.reduce<Tallies>((sum, counter, i) => addTallies(sum, counter.tallies, signs[i]), {}),
});

/**
 * The theme read side (docs/comment-analysis.md): `/v1/themes` reads the very buckets `/v1/nps` reads (a
 * year in under 100 items) and derives every figure from their histograms and tallies.
 *
 * @example
 * const { body } = await createThemeQueries(store, taxonomy).themes('all', '2026-01-01', '2026-12-31');
 */
export const createThemeQueries = (store: ProjectionStore, taxonomy: Taxonomy) => {
  const generation = async () => (await store.readMeta()).current;

  const themes = async (segment: string, from: Day, to: Day) => {
    const plan = planRange(from, to);
    const read = await readCounters(store, { generation: await generation(), segment, buckets: plan });
    const sum = sumCounters(
      plan.map((p) => read.value.get(bucketKey(p.granularity, p.bucket)) ?? EMPTY),
      plan.map((p) => p.sign),
    );
    const report = themeReport({ ...sum, themes: taxonomy.themes });
    return { body: { segment, from, to, ...report }, itemsRead: 1 + read.itemsRead };
  };

  const themeTimeseries = async (query: {
    theme: string;
    segment: string;
    granularity: Granularity;
    from: Day;
    to: Day;
  }) => {
    const theme = taxonomy.themes.find((t) => t.id === query.theme)!;
    const buckets = bucketsMeeting(query.granularity, query.from, query.to);
    const range = { generation: await generation(), segment: query.segment, granularity: query.granularity };
    const read = await readCounterRange(store, { ...range, from: buckets[0]!.key, to: buckets.at(-1)!.key });
    const points = buckets.map((bucket) => {
      const counter = read.value.get(bucketKey(query.granularity, bucket.key)) ?? EMPTY;
      const figures = themeFigures({ theme, overall: npsStatistics(counter.scores), tallies: counter.tallies });
      const commented = commentedOf(counter.tallies);
      const { mentions, promoters, passives, detractors, npsAmongMentions, shareOfComments, sentiment } = figures;
      return {
        from: bucket.from,
        to: bucket.to,
        commented: commented.promoter + commented.passive + commented.detractor,
        mentions,
        promoters,
        passives,
        detractors,
        shareOfComments,
        npsAmongMentions,
        sentiment,
      };
    });
    const body = {
      theme: theme.id,
      label: theme.label,
      segment: query.segment,
      granularity: query.granularity,
      points,
    };
    return { body, itemsRead: 1 + read.itemsRead } satisfies Answer<unknown>;
  };

  /** Terms over-represented in detractor versus promoter comments, over the whole months the range meets. */
  const discover = async (query: { segment: string; from: Day; to: Day; limit: number }) => {
    const [fromMonth, toMonth] = [monthOf(query.from), monthOf(query.to)];
    const read = await readTerms(store, { generation: await generation(), segment: query.segment, fromMonth, toMonth });
    const terms = discoverTerms(sumTermItems(read.value), query.limit);
    const body = { segment: query.segment, from: monthStart(fromMonth), to: monthEnd(toMonth), ...terms };
    return { body, itemsRead: 1 + read.itemsRead } satisfies Answer<unknown>;
  };

  return { themes, themeTimeseries, discover, taxonomy };
};

export type ThemeQueries = ReturnType<typeof createThemeQueries>;
