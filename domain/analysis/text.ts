/**
 * Text normalisation shared by every part of the analyzer: lower case without accents
 * (`fold`), and a light inflection folding (`stem`) so that "délicieuse", "délicieux"
 * and "délicieuses", or "waited", "waiting" and "waits", meet one lexicon entry. Both
 * sides (the comment and the word lists) go through the same functions, so a stem only
 * has to be consistent, not a real root.
 */

const COMBINING_MARKS = /\p{M}/gu;

/** Words folded and stemmed already (words repeat a lot across comments); each cache is cleared when full. */
const CACHE_SIZE = 50_000;
const FOLDED = new Map<string, string>();

/**
 * Lower case, accents removed, typographic apostrophes made plain.
 *
 * @example
 * fold('Déçue'); // 'decue'
 */
export const fold = (word: string): string => {
  const cached = FOLDED.get(word);
  if (cached !== undefined) return cached;
  if (FOLDED.size >= CACHE_SIZE) FOLDED.clear();
  const folded = foldUncached(word);
  FOLDED.set(word, folded);
  return folded;
};

const foldUncached = (word: string): string =>
  word
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/[’ʼ`´]/g, "'")
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae');

/** Suffixes removed, longest first; a stem keeps at least 3 letters. */
const SUFFIXES = {
  en: ['ments', 'ment', 'ings', 'ing', 'edly', 'ness', 'iest', 'est', 'ies', 'ied', 'ed', 'es', 'ly', 's'],
  fr: ['issements', 'issement', 'ements', 'ement', 'ees', 'ee', 'es', 'e', 's'],
} as const;

const MIN_STEM = 3;

const strip = (word: string, suffixes: readonly string[]): string => {
  for (const suffix of suffixes) {
    if (word.endsWith(suffix) && word.length - suffix.length >= MIN_STEM) {
      const stem = word.slice(0, -suffix.length);
      return suffix.startsWith('ie') ? `${stem}y` : stem;
    }
  }
  return word;
};

/** English stems lose a final e, so that "love", "loved" and "loving" meet. */
const dropFinalE = (word: string): string => (word.length > MIN_STEM && word.endsWith('e') ? word.slice(0, -1) : word);

/**
 * The folded stem of a word in a language (`und` tries both rules the same way, English
 * first, so that a word stems identically whatever language a comment is detected as).
 * French plurals in -aux/-eux lose the x (other words ending in x keep it: "prix"), and
 * -euse/-ive forms become -eu/-if, so that "délicieuse" meets "délicieux" and
 * "attentive" meets "attentif" but not "attente".
 *
 * @example
 * stem('délicieuses', 'fr'); // 'delicieu'
 * stem('waited', 'en');      // 'wait'
 */
export const stem = (word: string, language: 'fr' | 'en'): string => {
  const key = `${language}:${word}`;
  const cached = STEMS.get(key);
  if (cached !== undefined) return cached;
  if (STEMS.size >= CACHE_SIZE) STEMS.clear();
  const result = stemUncached(word, language);
  STEMS.set(key, result);
  return result;
};

const STEMS = new Map<string, string>();

const stemUncached = (word: string, language: 'fr' | 'en'): string => stemOfFolded(fold(word), language);

/** The stem of a word already folded, without the cache (for building indexes once). */
export const stemOfFolded = (folded: string, language: 'fr' | 'en'): string => {
  if (language === 'en') return dropFinalE(strip(folded.replace(/'s$/, ''), SUFFIXES.en));
  const singular = /(au|eu)x$/.test(folded) ? folded.slice(0, -1) : folded;
  const masculine = singular.replace(/euses?$/, 'eu').replace(/(ives?|ifs)$/, 'if');
  return masculine === singular ? strip(singular, SUFFIXES.fr) : masculine;
};
