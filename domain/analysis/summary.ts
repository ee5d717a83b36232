import type { Analysis } from './analyze';
import type { Polarity } from './sentiment';

/**
 * What aggregates keep of an analysis: the language, the overall label and each theme's
 * polarity, without the customer's words. It is what an erasure leaves until the
 * projections have taken the response out (then nothing is left).
 */
export interface AnalysisSummary {
  language: Analysis['language'];
  sentiment: Polarity;
  themes: Record<string, Polarity>;
}

/**
 * @example
 * summarize(analysis); // { language: 'fr', sentiment: 'mixed', themes: { service: 'positive', delay: 'negative' } }
 */
export const summarize = (analysis: Analysis): AnalysisSummary => ({
  language: analysis.language,
  sentiment: analysis.sentiment.label,
  themes: Object.fromEntries(analysis.themes.map((mention) => [mention.theme, mention.sentiment])),
});
