import type { Language } from './lexicon';
import type { Contribution, Polarity } from './sentiment';
import type { Taxonomy } from './taxonomy';
import { stem } from './text';
import type { Token } from './tokens';

/** A theme a comment talks about, with the polarity of what it says about it. */
export interface ThemeMention {
  theme: string;
  sentiment: Polarity;
  /** The words or phrases that named the theme, as written. */
  matches: string[];
}

interface Hit {
  theme: string;
  needsOpinion: boolean;
  at: number;
  clause: number;
  text: string;
}

/** Finds keyword phrases (longest first); a token belongs to at most one phrase, which may name several themes. */
const hitsOf = (tokens: Token[], taxonomy: Taxonomy, languages: Language[]): Hit[] => {
  const hits: Hit[] = [];
  const stems = languages.map((language) => tokens.map((token) => stem(token.folded, language)));
  for (let at = 0; at < tokens.length; ) {
    let length = 1;
    for (const [i, language] of languages.entries()) {
      const candidates = taxonomy.keywords[language].get(stems[i]![at]!) ?? [];
      const match = candidates.find((c) => c.stems.every((s, offset) => stems[i]![at + offset] === s));
      if (!match) continue;
      length = match.stems.length;
      const same = candidates.filter((c) => c.stems.join(' ') === match.stems.join(' '));
      const text = tokens
        .slice(at, at + length)
        .map((t) => t.text)
        .join(' ');
      for (const keyword of same)
        hits.push({ theme: keyword.theme, needsOpinion: keyword.needsOpinion, at, clause: tokens[at]!.clause, text });
      break;
    }
    at += length;
  }
  return hits;
};

/** Sentiment words nearer the theme's word count more: 1 / (1 + 0.25 · distance in tokens). */
const localSum = (hit: Hit, values: readonly Contribution[]): number =>
  values
    .filter((c) => c.clause === hit.clause)
    .reduce((sum, c) => sum + c.value / (1 + 0.25 * Math.abs(c.at - hit.at)), 0);

/** Tokens within which an opinion must be for a `~` keyword (a product noun) to name its theme. */
const OPINION_REACH = 8;

const hasOpinionNear = (hit: Hit, values: readonly Contribution[]) =>
  values.some((c) => c.clause === hit.clause && Math.abs(c.at - hit.at) <= OPINION_REACH);

/** Below this local sum a mention says nothing clear about the theme itself. */
const CLEAR = 0.4;

const polarityOf = (sums: number[], fallback: Polarity): Polarity => {
  const positive = sums.some((s) => s >= CLEAR);
  const negative = sums.some((s) => s <= -CLEAR);
  if (positive && negative) return 'mixed';
  if (positive) return 'positive';
  if (negative) return 'negative';
  return fallback === 'mixed' ? 'neutral' : fallback;
};

/**
 * The themes of a comment, aspect by aspect: each mention takes the polarity of the
 * sentiment words of its own clause (nearest first); a mention in a clause without any
 * takes the comment's overall label (neutral when that is mixed).
 *
 * @example
 * themesOf({ tokens, values, taxonomy, languages: ['en'], overall: 'mixed' });
 * // [{ theme: 'quality', sentiment: 'positive', matches: ['food'] }, { theme: 'service', sentiment: 'negative', … }]
 */
export const themesOf = (input: {
  tokens: Token[];
  values: readonly Contribution[];
  taxonomy: Taxonomy;
  languages: Language[];
  overall: Polarity;
}): ThemeMention[] => {
  const byTheme = new Map<string, Hit[]>();
  const hits = hitsOf(input.tokens, input.taxonomy, input.languages).filter(
    (hit) => !hit.needsOpinion || hasOpinionNear(hit, input.values),
  );
  for (const hit of hits) byTheme.set(hit.theme, [...(byTheme.get(hit.theme) ?? []), hit]);
  return input.taxonomy.themes.flatMap(({ id }) => {
    const hits = byTheme.get(id);
    if (!hits) return [];
    const sentiment = polarityOf(
      hits.map((hit) => localSum(hit, input.values)),
      input.overall,
    );
    return [{ theme: id, sentiment, matches: [...new Set(hits.map((hit) => hit.text))] }];
  });
};
