import type { Polarity } from './analysis/sentiment';
import type { Theme } from './analysis/taxonomy';
import type { Histogram } from './histogram';
import { adjustedWaldInterval, type NpsStatistics, npsOfCounts, npsStatistics } from './nps';
import type { Category } from './score';
import { type Tallies, tallyNames } from './theme-tallies';

const CATEGORIES: Category[] = ['promoter', 'passive', 'detractor'];
const POLARITIES: Polarity[] = ['positive', 'negative', 'neutral', 'mixed'];

/** What `/v1/themes` says of one theme (docs/comment-analysis.md). */
export interface ThemeFigures {
  theme: string;
  label: string;
  mentions: number;
  promoters: number;
  passives: number;
  detractors: number;
  npsAmongMentions: number | null;
  ci95: { low: number; high: number } | null;
  shareOfComments: number | null;
  shareOfDetractorComments: number | null;
  sentiment: Record<Polarity, number>;
  impact: number | null;
}

/** Figures are answered unrounded, as `/v1/nps` answers them: rounding is the reader's (a page, a spreadsheet). */
const nps = (promoters: number, detractors: number, responses: number) =>
  responses > 0 ? npsOfCounts(promoters, detractors, responses) : null;
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Comments counted per category, from the tallies. */
export const commentedOf = (tallies: Tallies): Record<Category, number> =>
  Object.fromEntries(CATEGORIES.map((c) => [c, tallies[tallyNames.commented(c)] ?? 0])) as Record<Category, number>;

/** The mention counts of one theme: per category and per polarity. */
export const mentionsOf = (tallies: Tallies, theme: string) => {
  const byCategory = Object.fromEntries(
    CATEGORIES.map((c) => [c, tallies[tallyNames.mentions(theme, c)] ?? 0]),
  ) as Record<Category, number>;
  const sentiment = Object.fromEntries(
    POLARITIES.map((p) => [p, tallies[tallyNames.themePolarity(theme, p)] ?? 0]),
  ) as Record<Polarity, number>;
  return { ...byCategory, mentions: byCategory.promoter + byCategory.passive + byCategory.detractor, sentiment };
};

/**
 * One theme's figures over a range, from the summed score histogram and tallies.
 * Key-driver impact = NPS of all responses − NPS of the responses not mentioning the
 * theme, in points (null when either is undefined): negative when the theme drags NPS down.
 *
 * @example
 * themeFigures({ theme: { id: 'price', label: 'Price' }, overall, tallies }).impact; // -4.2
 */
export const themeFigures = ({
  theme,
  overall,
  tallies,
}: {
  theme: Theme;
  overall: NpsStatistics;
  tallies: Tallies;
}): ThemeFigures => {
  const m = mentionsOf(tallies, theme.id);
  const rest = {
    p: overall.promoters - m.promoter,
    d: overall.detractors - m.detractor,
    n: overall.responses - m.mentions,
  };
  const allNps = nps(overall.promoters, overall.detractors, overall.responses);
  const restNps = nps(rest.p, rest.d, rest.n);
  const commented = commentedOf(tallies);
  const interval = m.mentions > 0 ? adjustedWaldInterval(m.promoter, m.detractor, m.mentions) : undefined;
  return {
    theme: theme.id,
    label: theme.label,
    mentions: m.mentions,
    promoters: m.promoter,
    passives: m.passive,
    detractors: m.detractor,
    npsAmongMentions: nps(m.promoter, m.detractor, m.mentions),
    ci95: interval ? { low: interval.low, high: interval.high } : null,
    shareOfComments: share(m.mentions, commented.promoter + commented.passive + commented.detractor),
    shareOfDetractorComments: share(m.detractor, commented.detractor),
    sentiment: m.sentiment,
    impact: allNps !== null && restNps !== null ? allNps - restNps : null,
  };
};

/** Most harmful first: impact ascending, null impacts last, then taxonomy order. */
const byImpact = (a: ThemeFigures, b: ThemeFigures) => {
  if (a.impact === null || b.impact === null) return a.impact === null ? (b.impact === null ? 0 : 1) : -1;
  return a.impact - b.impact;
};

/**
 * The `/v1/themes` report of a range: responses, commented, NPS and every theme of the
 * taxonomy, sorted by impact.
 *
 * @example
 * themeReport({ scores, tallies, themes: taxonomy.themes }).themes[0].theme; // the most harmful theme
 */
export const themeReport = ({
  scores,
  tallies,
  themes,
}: {
  scores: Histogram;
  tallies: Tallies;
  themes: readonly Theme[];
}) => {
  const overall = npsStatistics(scores);
  const commented = commentedOf(tallies);
  return {
    responses: overall.responses,
    commented: commented.promoter + commented.passive + commented.detractor,
    nps: overall.nps,
    themes: themes.map((theme) => themeFigures({ theme, overall, tallies })).sort(byImpact),
  };
};
