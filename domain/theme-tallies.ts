import type { Polarity } from './analysis/sentiment';
import type { ResponseState } from './response';
import { type Category, categoryOf } from './score';

/**
 * Counts of comments kept beside a counter's score histogram, by attribute name:
 * `cm.<c>` commented responses per category, `cs.<polarity>` their overall sentiment,
 * `t.<theme>.<c>` mentions of a theme per category and `t.<theme>.<polarity>` the
 * polarity of those mentions (c = p promoter, a passive, d detractor).
 */
export type Tallies = Record<string, number>;

export const CATEGORY_KEYS: Record<Category, string> = { promoter: 'p', passive: 'a', detractor: 'd' };
export const POLARITY_KEYS: Record<Polarity, string> = {
  positive: 'pos',
  negative: 'neg',
  neutral: 'neu',
  mixed: 'mix',
};

export const tallyNames = {
  commented: (category: Category) => `cm.${CATEGORY_KEYS[category]}`,
  sentiment: (polarity: Polarity) => `cs.${POLARITY_KEYS[polarity]}`,
  mentions: (theme: string, category: Category) => `t.${theme}.${CATEGORY_KEYS[category]}`,
  themePolarity: (theme: string, polarity: Polarity) => `t.${theme}.${POLARITY_KEYS[polarity]}`,
};

/** True for an attribute name that is a tally. */
export const isTallyName = (name: string): boolean => /^(cm|cs)\.[a-z]+$|^t\..+\.[a-z]+$/.test(name);

/**
 * What one counted response adds to the tallies of its cells: nothing without a comment
 * (or without its analysis attached), else one commented response of its category, its
 * overall sentiment, and one mention per theme with its polarity.
 *
 * @example
 * talliesOf({ ...state, score: 3, commentVersion: 1, analysis: { sentiment: 'negative', themes: { price: 'negative' } }
 * });
 * // { 'cm.d': 1, 'cs.neg': 1, 't.price.d': 1, 't.price.neg': 1 }
 */
export const talliesOf = (state: ResponseState): Tallies => {
  if (state.commentVersion === undefined || !state.analysis) return {};
  const category = categoryOf(state.score);
  const tallies: Tallies = { [tallyNames.commented(category)]: 1, [tallyNames.sentiment(state.analysis.sentiment)]: 1 };
  for (const [theme, polarity] of Object.entries(state.analysis.themes)) {
    tallies[tallyNames.mentions(theme, category)] = 1;
    tallies[tallyNames.themePolarity(theme, polarity)] = 1;
  }
  return tallies;
};

/**
 * Adds `weight` × source into target (zero entries dropped), and answers target.
 *
 * @example
 * addTallies({ 'cm.d': 2 }, { 'cm.d': 1 }, -1); // { 'cm.d': 1 }
 */
export const addTallies = (target: Tallies, source: Tallies, weight = 1): Tallies => {
  for (const [name, value] of Object.entries(source)) {
    const sum = (target[name] ?? 0) + weight * value;
    if (sum === 0) delete target[name];
    else target[name] = sum;
  }
  return target;
};
