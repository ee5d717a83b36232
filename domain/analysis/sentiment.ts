import { stem } from './text';
import type { Tokenized } from './tokens';
import type { Unit } from './units';

/** One scored sentiment word or phrase: where it is and what it adds after its modifiers. */
export interface Contribution {
  /** Token index of the unit. */
  at: number;
  clause: number;
  value: number;
}

const NEGATION = -0.75;
const INTENSIFY = 1.4;
const DIMINISH = 0.6;
/** What "too"/"trop" adds before a word the lexicon has no polarity for ("too long", "trop salé"). */
const EXCESS_WEIGHT = -2;
/** Units before a sentiment word that a negator still reaches. */
const NEGATION_REACH = 3;
/** Words after which a French negation that follows the word still applies ("j'aime pas"). */
const POSTPOSED_NEGATORS = new Set(['pas', 'jamais', 'guère', 'plus'].map((word) => stem(word, 'fr')));

const kindOf = (unit: Unit | undefined) => unit?.entry?.kind;

const isNegated = (units: Unit[], at: number): boolean => {
  const unit = units[at]!;
  for (let back = 1; back <= NEGATION_REACH; back++) {
    const previous = units[at - back];
    if (!previous || previous.clause !== unit.clause) break;
    if (kindOf(previous) === 'negator') return true;
  }
  const next = units[at + 1];
  return next?.clause === unit.clause && kindOf(next) === 'negator' && POSTPOSED_NEGATORS.has(next.stem);
};

const modifierOf = (units: Unit[], at: number): number => {
  const previous = units[at - 1];
  if (!previous || previous.clause !== units[at]!.clause) return 1;
  const kind = kindOf(previous);
  if (kind === 'intensifier') return INTENSIFY;
  if (kind === 'diminisher') return DIMINISH;
  return 1;
};

const valueAt = (units: Unit[], at: number): number => {
  const entry = units[at]!.entry;
  if (entry?.kind !== 'sentiment') return 0;
  let value = entry.weight * modifierOf(units, at);
  const previous = units[at - 1]?.entry;
  if (previous?.kind === 'excess')
    value = value < 0 ? value * INTENSIFY : previous.flipsPositive ? EXCESS_WEIGHT : value * INTENSIFY;
  return isNegated(units, at) ? value * NEGATION : value;
};

/** "too"/"trop" followed by a word without polarity in its clause: a complaint ("too long"). */
const excessValue = (units: Unit[], at: number): number => {
  const next = units[at + 1];
  return kindOf(units[at]) === 'excess' && next && next.clause === units[at]!.clause && !next.entry ? EXCESS_WEIGHT : 0;
};

/**
 * The sentiment contributions of a comment's units: each lexicon word with its
 * intensifier or diminisher, negation within three units before it (or a French "pas"
 * right after it), and "too" before a neutral word counted as negative. Clauses opened by
 * a contrast word weigh 1.5×, the clause they answer 0.75×.
 *
 * @example
 * contributions(units, tokenized).map((c) => c.value); // [-2.25] for "not great"
 */
export const contributions = (units: Unit[], { contrasted }: Tokenized): Contribution[] => {
  const result: Contribution[] = [];
  for (const [at, unit] of units.entries()) {
    const value = valueAt(units, at) + excessValue(units, at);
    if (!value) continue;
    const weight = contrasted.has(unit.clause) ? 1.5 : contrasted.has(unit.clause + 1) ? 0.75 : 1;
    result.push({ at: unit.start, clause: unit.clause, value: value * weight });
  }
  return result;
};

export type Polarity = 'positive' | 'negative' | 'neutral' | 'mixed';

/** Both sides at least this strong, and the weaker at least this share of the stronger: mixed. */
const MIXED_FLOOR = 1.5;
const MIXED_RATIO = 0.4;
/** |score| below this is neutral. */
const NEUTRAL_BAND = 0.05;

/**
 * The label and score of a set of contributions: score = S/√(S²+8) for the sum S, in
 * (−1, 1); `mixed` when both sides are clearly there.
 *
 * @example
 * sentimentOf([{ at: 0, clause: 0, value: 3 }]); // { label: 'positive', score: 0.73 }
 */
export const sentimentOf = (values: readonly Contribution[]): { label: Polarity; score: number } => {
  const positive = values.reduce((sum, c) => sum + Math.max(c.value, 0), 0);
  const negative = values.reduce((sum, c) => sum - Math.min(c.value, 0), 0);
  const total = positive - negative;
  const score = Math.round((total / Math.sqrt(total * total + 8)) * 1000) / 1000;
  const weaker = Math.min(positive, negative);
  if (weaker >= MIXED_FLOOR && weaker >= MIXED_RATIO * Math.max(positive, negative)) return { label: 'mixed', score };
  if (score >= NEUTRAL_BAND) return { label: 'positive', score };
  if (score <= -NEUTRAL_BAND) return { label: 'negative', score };
  return { label: 'neutral', score };
};
