import { fold } from './text';

/** One word of a comment, in reading order. */
export interface Token {
  /** As written, elision included (`l'accueil` gives `l'` and `accueil`). */
  text: string;
  /** `fold(text)`: lower case, no accents. */
  folded: string;
  /** Index of the clause the word belongs to (clauses end at punctuation and contrast words). */
  clause: number;
}

/** A comment cut into words, and where its clauses begin after a contrast ("but", "mais"). */
export interface Tokenized {
  tokens: Token[];
  /** Clauses that start with a contrast word: what follows outweighs what came before. */
  contrasted: Set<number>;
}

const segmenter = new Intl.Segmenter('fr', { granularity: 'word' });

/** French elided articles and pronouns, split from the word they are glued to. */
const ELISION = /^(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)'(.+)$/;

/** Contrast words: the clause they open is weighed more than the one before. */
export const CONTRAST_WORDS = new Set([
  'but',
  'however',
  'although',
  'though',
  'yet',
  'mais',
  'cependant',
  'pourtant',
  'toutefois',
  'neanmoins',
]);

/** Punctuation that closes a clause. */
const CLAUSE_END = /[.!?;:…()\u2026]|,|\s[-–—]\s/;

const splitElision = (word: string): { text: string; folded: string }[] => {
  const match = ELISION.exec(fold(word));
  const parts = match ? [`${match[1]}'`, word.slice(match[1]!.length + 1)] : [word];
  return parts.map((text) => ({ text, folded: fold(text) }));
};

/**
 * Cuts a comment into words with `Intl.Segmenter` (which knows French and English word
 * boundaries and keeps "don't" whole), splits French elisions, and numbers clauses.
 *
 * @example
 * tokenize("L'accueil était top, mais trop d'attente").tokens.map((t) => t.folded);
 * // ["l'", 'accueil', 'etait', 'top', 'mais', 'trop', "d'", 'attente']
 */
export const tokenize = (text: string): Tokenized => {
  const tokens: Token[] = [];
  const contrasted = new Set<number>();
  let clause = 0;
  const clauseHasWords = () => tokens.at(-1)?.clause === clause;
  const addWord = (word: string) => {
    for (const { text: part, folded } of splitElision(word)) {
      if (CONTRAST_WORDS.has(folded) && clauseHasWords()) contrasted.add(++clause);
      tokens.push({ text: part, folded, clause });
    }
  };
  for (const { segment, isWordLike } of segmenter.segment(text.normalize('NFC'))) {
    if (isWordLike) addWord(segment);
    else if (CLAUSE_END.test(segment) && clauseHasWords()) clause++;
  }
  return { tokens, contrasted };
};
