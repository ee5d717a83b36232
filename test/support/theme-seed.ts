import { type CommentLanguage, commentWriter } from './comments';
import { seededRandom } from './random';

/** The themes e2e test's responses: generated, with a planted word for /discover to find. */

const RESPONSES = 1_600;
export const PLANTED = { en: 'parking', fr: 'stationnement' } as const;
const DAY_MS = 86_400_000;
export const FIRST = Date.parse('2026-09-01T00:00:00Z');

export interface Seeded {
  id: string;
  score: number;
  submittedAt: string;
  region: string;
  comment?: string;
  /** Declared language of the current comment (only a submission declares one). */
  language?: CommentLanguage;
  erased?: boolean;
}

/** 1,600 responses over 12 weeks, 85% with a comment (FR or EN), then amendments and erasures. */
const seededResponse = (random: () => number, write: ReturnType<typeof commentWriter>, i: number): Seeded => {
  const score = Math.floor(random() * 11);
  const language: CommentLanguage = random() < 0.5 ? 'fr' : 'en';
  const response: Seeded = {
    id: `th-${i}`,
    score,
    submittedAt: new Date(FIRST + Math.floor(random() * 84 * DAY_MS)).toISOString(),
    region: random() < 0.5 ? 'eu' : 'us',
  };
  // a word planted in 40% of detractor comments, which /discover must find first
  const planted = score <= 6 && random() < 0.4 ? { planted: PLANTED[language] } : {};
  if (random() < 0.85) response.comment = write({ language, score, ...planted });
  if (response.comment && random() < 0.3) response.language = language;
  return response;
};

export const seed = () => {
  const random = seededRandom(2026);
  const write = commentWriter(random);
  return Array.from({ length: RESPONSES }, (_, i) => seededResponse(random, write, i));
};
