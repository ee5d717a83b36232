import { type Language, LEXICONS } from './lexicon';
import { stem } from './text';
import { type Token, tokenize } from './tokens';

/** A term of a comment: a word or a two-word phrase, keyed by its folded stems, shown as first written (lower case). */
export interface Term {
  /**
   * `<language>:<hash>` of the folded stems of the word or pair: "livraisons" and
   * "livraison" meet, and a key alone (what an erasure's remnant keeps) spells no word.
   */
  key: string;
  language: Language;
  /** Readable form: the words as written in this comment, lower case, accents kept. */
  text: string;
}

/** Shorter words say little on their own (and elided particles are 2 letters with the apostrophe). */
const MIN_LETTERS = 3;
const LETTERS = /\p{L}/u;
/** Terms taken from one comment at most: a long comment counts no more than a few short ones. */
export const MAX_TERMS_PER_COMMENT = 40;

interface Word {
  stem: string;
  text: string;
  clause: number;
}

/** The content words of a comment: no stop word, no number, at least 3 letters. */
const contentWords = (tokens: Token[], language: Language): Word[] =>
  tokens.flatMap((token) => {
    const wordStem = stem(token.folded, language);
    const isContent =
      token.folded.length >= MIN_LETTERS &&
      LETTERS.test(token.folded) &&
      !LEXICONS[language].stopWords.has(wordStem) &&
      !token.folded.endsWith("'");
    return isContent ? [{ stem: wordStem, text: token.text.toLowerCase(), clause: token.clause }] : [];
  });

/** A 53-bit string hash (cyrb53, public domain) in base 36: collisions are negligible among a month's terms. */
const hashOf = (text: string): string => {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
};

/**
 * The distinct terms of a comment for discovering what detractors talk about: its content
 * words, and each pair of consecutive content words within a clause (stop words between
 * them left out: "temps d'attente" gives "temps attente"), at most MAX_TERMS_PER_COMMENT.
 * A comment of undetermined language is read with the English lists.
 *
 * @example
 * termsOf('Livraison beaucoup trop lente', 'fr').map((t) => t.text);
 * // ['livraison', 'beaucoup', 'lente', 'livraison beaucoup', 'beaucoup lente']
 */
export const termsOf = (text: string, language: Language | 'und'): Term[] => {
  const lang: Language = language === 'und' ? 'en' : language;
  const words = contentWords(tokenize(text).tokens, lang);
  const terms = new Map<string, Term>();
  const add = (stems: string, written: string) => {
    const key = `${lang}:${hashOf(stems)}`;
    if (!terms.has(key) && terms.size < MAX_TERMS_PER_COMMENT) terms.set(key, { key, language: lang, text: written });
  };
  for (const word of words) add(word.stem, word.text);
  words.forEach((word, i) => {
    const next = words[i + 1];
    if (next && next.clause === word.clause) add(`${word.stem} ${next.stem}`, `${word.text} ${next.text}`);
  });
  return [...terms.values()];
};
