import { termsOf } from '../../domain/analysis/terms';

const THEMES = ['service', 'price', 'quality', 'constructor'] as const;
/** Words of the synthetic comments, whose terms (words and pairs) the term items count. */
const WORDS = [
  'parking',
  'refund',
  'invoice',
  'courier',
  'screen',
  'battery',
  'manager',
  'warranty',
  'coupon',
  'ticket',
];
const POLARITIES = ['positive', 'negative', 'neutral', 'mixed'] as const;

/**
 * The analysis summary of the comment a version set, made up from its ref (deterministic,
 * so the harness's personal data and the reference agree without sharing code): 0–3
 * themes (a prototype-like id among them) with a polarity each, and an overall label.
 */
const summaryOf = (responseId: string, version: number) => {
  let hash = [...`${responseId}:${version}`].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 17);
  const next = (n: number) => {
    hash = (hash * 1103515245 + 12345) >>> 0;
    return (hash >>> 8) % n;
  };
  const themes: Record<string, (typeof POLARITIES)[number]> = {};
  for (const theme of THEMES) if (next(3) === 0) themes[theme] = POLARITIES[next(4)]!;
  const text = Array.from({ length: 1 + next(3) }, () => WORDS[next(WORDS.length)]).join(' ');
  return { language: 'en' as const, sentiment: POLARITIES[next(4)]!, themes, text, terms: termsOf(text, 'en') };
};

const summaries = new Map<string, ReturnType<typeof summaryOf>>();
export const syntheticSummary = (responseId: string, version: number) => {
  const key = `${responseId}:${version}`;
  if (!summaries.has(key)) summaries.set(key, summaryOf(responseId, version));
  return summaries.get(key)!;
};

/**
 * People of the history: four responses in five belong to one of 700 respondents (2–3 responses each, some amended or
 * erased).
 */
export const historyRespondentOf = (responseId: string): string | undefined => {
  const n = Number(responseId.slice(responseId.lastIndexOf('-') + 1));
  return n % 5 === 0 ? undefined : `person ${n % 700}@example.org`;
};
