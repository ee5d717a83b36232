import type { Language } from './analysis/lexicon';
import type { Term } from './analysis/terms';
import type { Category } from './score';

/** Comments containing a term, by the category of their response. */
export interface TermCounts {
  key: string;
  language: Language;
  /** Readable form to show. */
  text: string;
  /** Comments of any category. */
  count: number;
  detractorCount: number;
  promoterCount: number;
}

export interface DiscoveredTerm {
  term: string;
  language: Language;
  count: number;
  detractorCount: number;
  promoterCount: number;
  /** z-score of the log-odds ratio, detractors versus promoters (positive: over-represented in detractor comments). */
  z: number;
}

/**
 * Counts of the terms of some comments, by category: what `/v1/themes/discover` ranks. The
 * readable form of a key is the one written most often (ties: the first seen).
 *
 * @example
 * tallyTerms([{ terms: termsOf('Livraison lente', 'fr'), category: 'detractor' }]);
 * // [{ key: 'fr:livraison', text: 'livraison', count: 1, detractorCount: 1, promoterCount: 0, … }, …]
 */
export const tallyTerms = (comments: Iterable<{ terms: readonly Term[]; category: Category }>): TermCounts[] => {
  const tallies = new Map<string, TermCounts & { forms: Map<string, number> }>();
  const count = (term: Term, category: Category) => {
    const tally = tallies.get(term.key) ?? { ...term, count: 0, detractorCount: 0, promoterCount: 0, forms: new Map() };
    tally.count++;
    tally.detractorCount += Number(category === 'detractor');
    tally.promoterCount += Number(category === 'promoter');
    tally.forms.set(term.text, (tally.forms.get(term.text) ?? 0) + 1);
    tallies.set(term.key, tally);
  };
  for (const { terms, category } of comments) for (const term of terms) count(term, category);
  return [...tallies.values()].map(({ forms, ...counts }) => ({
    ...counts,
    text: [...forms].reduce((best, form) => (form[1] > best[1] ? form : best))[0],
  }));
};

/** Fewest comments a term must appear in to be reported (docs/comment-analysis.md). */
export const MIN_TERM_COUNT = 5;

/**
 * The log-odds ratio of each term between detractor and promoter comments with an
 * informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' words", §3.5):
 * the prior of a term is its count over all comments (every category), so that common
 * words need much more evidence than rare ones to stand out; z = δ / √(1/(y_d + α) + 1/(y_p + α)).
 * Counts are of comments containing the term (a word repeated in one comment counts once).
 *
 * @example
 * discoverTerms(counts, 20).detractorTerms[0]; // { term: 'attente', language: 'fr', count: 41, detractorCount: 33,
 * promoterCount: 2, z: 4.9 }
 */
export const discoverTerms = (terms: readonly TermCounts[], limit: number) => {
  const totals = terms.reduce(
    (sum, t) => ({
      all: sum.all + t.count,
      detractors: sum.detractors + t.detractorCount,
      promoters: sum.promoters + t.promoterCount,
    }),
    { all: 0, detractors: 0, promoters: 0 },
  );
  const prior0 = totals.all;
  const logOdds = (y: number, n: number, alpha: number) => Math.log((y + alpha) / (n + prior0 - y - alpha));
  const scored: DiscoveredTerm[] = terms
    .filter((t) => t.count >= MIN_TERM_COUNT)
    .map((t) => {
      const alpha = t.count;
      const delta =
        logOdds(t.detractorCount, totals.detractors, alpha) - logOdds(t.promoterCount, totals.promoters, alpha);
      const variance = 1 / (t.detractorCount + alpha) + 1 / (t.promoterCount + alpha);
      return {
        term: t.text,
        language: t.language,
        count: t.count,
        detractorCount: t.detractorCount,
        promoterCount: t.promoterCount,
        z: delta / Math.sqrt(variance),
      };
    });
  const byZ = (sign: 1 | -1) =>
    scored
      .filter((t) => sign * t.z > 0)
      .sort((a, b) => sign * (b.z - a.z) || (a.term < b.term ? -1 : 1))
      .slice(0, limit);
  return { detractorTerms: byZ(1), promoterTerms: byZ(-1) };
};
