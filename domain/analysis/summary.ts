import type { Analysis } from './analyze';
import type { Polarity } from './sentiment';
import { type Term, termsOf } from './terms';

/**
 * What aggregates keep of an analysis: the language, the overall label, each theme's
 * polarity and the comment's terms for `/v1/themes/discover`. It is what an erasure
 * leaves until the projections have taken the response out (then nothing is left).
 */
export interface AnalysisSummary {
  language: Analysis['language'];
  sentiment: Polarity;
  themes: Record<string, Polarity>;
  /** The comment's distinct terms (absent in summaries stored before discovery existed). */
  terms?: Term[];
}

/**
 * @example
 * summarize(analysis, 'Accueil chaleureux mais attente trop longue');
 * // { language: 'fr', sentiment: 'mixed', themes: { service: 'positive', delay: 'negative' }, terms: [{ key:
 * 'fr:accueil', … }, …] }
 */
export const summarize = (analysis: Analysis, comment?: string): AnalysisSummary => ({
  language: analysis.language,
  sentiment: analysis.sentiment.label,
  themes: Object.fromEntries(analysis.themes.map((mention) => [mention.theme, mention.sentiment])),
  ...(comment !== undefined ? { terms: termsOf(comment, analysis.language) } : {}),
});
