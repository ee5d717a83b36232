import { type Language, LEXICONS } from './lexicon';
import { stem } from './text';
import type { Token } from './tokens';

const ACCENTED = /[àâçéèêëîïôûùüÿœ]/;
const ENGLISH_CONTRACTION = /(n't|'s|'re|'ll|'ve|'m|'d)$/;
/** Space before "!", "?", ":" or ";": French typography. */
const FRENCH_SPACING = /\S\s[!?:;]/;
/** Spellings typical of one language, for words neither list knows. */
const SPELLING: Record<Language, RegExp[]> = {
  en: [/th|wh|sh|ck|ght|ph/, /(ing|ly|ful|ness|ed|y)$/, /w|k|ee|oo/],
  fr: [/eau|oux|aux$|eux$|ez$|qu[eiao]/, /(tion|ment|ique|eur|euse|oir|ais|ait|ees?)$/, /ou|oi|ai/],
};
const SPELLING_WEIGHT = 0.3;

const spelling = (folded: string, language: Language) =>
  SPELLING[language].reduce((sum, pattern) => sum + (pattern.test(folded) ? SPELLING_WEIGHT : 0), 0);

/**
 * What one word says: 1 for a language whose lists alone hold it (or its accents, elision, contraction), else spelling
 * cues.
 */
const wordEvidence = (token: Token): Record<Language, number> => {
  const lower = token.text.toLowerCase().replace(/[’ʼ]/g, "'");
  const fr = LEXICONS.fr.own.has(lower) || ACCENTED.test(lower) || token.folded.endsWith("'");
  const en = LEXICONS.en.own.has(lower) || ENGLISH_CONTRACTION.test(token.folded);
  if (fr || en) return { fr: fr ? 1 : 0, en: en ? 1 : 0 };
  const knownToBoth =
    LEXICONS.fr.byFirst.has(stem(token.folded, 'fr')) && LEXICONS.en.byFirst.has(stem(token.folded, 'en'));
  return knownToBoth ? { fr: 0, en: 0 } : { fr: spelling(token.folded, 'fr'), en: spelling(token.folded, 'en') };
};

/** Evidence for each language over the words (numbers left out) and French spacing before punctuation. */
const evidence = (tokens: Token[], text: string) => {
  const score = { fr: FRENCH_SPACING.test(text) ? 1 : 0, en: 0 };
  for (const token of tokens.filter((t) => !/^\d+$/.test(t.folded))) {
    const word = wordEvidence(token);
    score.fr += word.fr;
    score.en += word.en;
  }
  return score;
};

/** A language needs this much evidence, this share of it, and (for 4 words or more) this share of words known. */
const MIN_EVIDENCE = 0.6;
const MIN_SHARE = 0.6;
const MIN_KNOWN = 0.25;

/**
 * The language of a comment from its words: `fr`, `en`, or `und` when there is too little
 * evidence (or the words are mostly unknown to both lists: another language). No model,
 * no download: the word lists the analyzer scores with, accents, elisions, contractions
 * and typical spellings, so short comments ("RAS", "Nul.", "Too slow") are told apart too.
 *
 * @example
 * detectLanguage(tokenize('Nul.').tokens, 'Nul.'); // 'fr'
 */
export const detectLanguage = (tokens: Token[], text: string): Language | 'und' => {
  const { fr, en } = evidence(tokens, text);
  const total = fr + en;
  if (total < MIN_EVIDENCE) return 'und';
  if (tokens.length >= 4 && Math.max(fr, en) / tokens.length < MIN_KNOWN) return 'und';
  if (fr / total >= MIN_SHARE) return 'fr';
  if (en / total >= MIN_SHARE) return 'en';
  return 'und';
};
