import { detectLanguage } from './language';
import type { Language } from './lexicon';
import { contributions, type Polarity, sentimentOf } from './sentiment';
import { compileTaxonomy, type Taxonomy } from './taxonomy';
import { type ThemeMention, themesOf } from './themes';
import { tokenize } from './tokens';
import { lexiconsFor, unitsOf } from './units';

/** Bumped whenever the rules or word lists change: stored analyses then differ from a new one. */
export const ANALYZER_RULES_VERSION = '1';

/** What the analyzer says about one comment (docs/comment-analysis.md). */
export interface Analysis {
  language: Language | 'und';
  sentiment: { label: Polarity; score: number };
  themes: ThemeMention[];
  /** `nps-analyzer/<rules>+<taxonomy fingerprint>`. */
  analyzer: string;
}

export type Analyzer = {
  (text: string, language?: Language): Analysis;
  taxonomy: Taxonomy;
  version: string;
};

/**
 * An analyzer for a taxonomy: pure and deterministic, the same at ingest, in
 * `/v1/analyze` and in a rebuild's re-analysis. A given `language` overrides detection.
 *
 * @example
 * const analyze = createAnalyzer();
 * analyze("Personnel adorable mais l'attente était trop longue");
 * // { language: 'fr', sentiment: { label: 'mixed', … }, themes: [service positive, delay negative], analyzer:
 * 'nps-analyzer/1+…' }
 */
export const createAnalyzer = (taxonomy: Taxonomy = compileTaxonomy()): Analyzer => {
  const version = `nps-analyzer/${ANALYZER_RULES_VERSION}+${taxonomy.fingerprint}`;
  const analyze = (text: string, given?: Language): Analysis => {
    const tokenized = tokenize(text);
    const language = given ?? detectLanguage(tokenized.tokens, text);
    const values = contributions(unitsOf(tokenized, language), tokenized);
    const sentiment = sentimentOf(values);
    const languages = lexiconsFor(language).map((index) => index.language);
    const themes = themesOf({ tokens: tokenized.tokens, values, taxonomy, languages, overall: sentiment.label });
    return { language, sentiment, themes, analyzer: version };
  };
  return Object.assign(analyze, { taxonomy, version });
};
