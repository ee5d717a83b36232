import { type Entry, type Language, LEXICONS, type LexiconIndex, misspellingOf } from './lexicon';
import { stem } from './text';
import type { Tokenized } from './tokens';

/** A run of tokens that the lexicon knows (a word or a phrase), or a plain word. */
export interface Unit {
  /** Index of its first token. */
  start: number;
  /** Tokens covered. */
  length: number;
  clause: number;
  entry?: Entry;
  /** Stem of its first token (in the comment's language). */
  stem: string;
}

/** The longest phrase starting at `at`, else the word by its folded form, else by its stem. */
const matchAt = (stems: string[], at: number, context: { index: LexiconIndex; folded: string }) => {
  const candidates = context.index.byFirst.get(stems[at]!) ?? [];
  const phrase = candidates.find((c) => c.stems.length > 1 && c.stems.every((s, offset) => stems[at + offset] === s));
  if (phrase) return phrase;
  const exact = context.index.exact.get(context.folded);
  if (exact) return { stems: [stems[at]!], entry: exact };
  return candidates.find((c) => c.stems.length === 1) ?? misspelt(stems[at]!, context);
};

/** A word of 5 letters or more one letter away from a lexicon word ("delicous", "bestt"), by deletion either side. */
const misspelt = (stem: string, { index, folded }: { index: LexiconIndex; folded: string }) => {
  if (folded.length < 5) return undefined;
  const entry = misspellingOf(index, folded);
  return entry ? { stems: [stem], entry } : undefined;
};

/** "wasn't", "couldn't", "won't": any English contraction with n't negates. */
const CONTRACTED_NEGATION = /n't$/;

/** The lexicons tried for a language: its own, or both (English first) when undetermined. */
export const lexiconsFor = (language: Language | 'und'): LexiconIndex[] =>
  language === 'und' ? [LEXICONS.en, LEXICONS.fr] : [LEXICONS[language]];

/**
 * Groups tokens into units, longest lexicon match first ("hors de prix" is one unit,
 * not "hors", "de", "prix"); a phrase never crosses a clause boundary.
 *
 * @example
 * unitsOf(tokenize('pas cher du tout'), 'fr'); // [{ entry: negator }, { entry: sentiment −2 }, plain, plain]
 */
export const unitsOf = ({ tokens }: Tokenized, language: Language | 'und'): Unit[] => {
  const indexes = lexiconsFor(language);
  const stemsByIndex = indexes.map((index) => tokens.map((token) => stem(token.folded, index.language)));
  const unitAt = (at: number): Unit => {
    const clause = tokens[at]!.clause;
    for (const [i, index] of indexes.entries()) {
      const match = matchAt(stemsByIndex[i]!, at, { index, folded: tokens[at]!.folded });
      const inClause = match && tokens.slice(at, at + match.stems.length).every((token) => token.clause === clause);
      if (match && inClause)
        return { start: at, length: match.stems.length, clause, entry: match.entry, stem: stemsByIndex[i]![at]! };
    }
    const negation = CONTRACTED_NEGATION.test(tokens[at]!.folded);
    return {
      start: at,
      length: 1,
      clause,
      stem: stemsByIndex[0]![at]!,
      ...(negation ? { entry: { kind: 'negator' } } : {}),
    };
  };
  const units: Unit[] = [];
  for (let at = 0; at < tokens.length; at += units.at(-1)!.length) units.push(unitAt(at));
  return units;
};
