import type { RespondentResponse } from '../../domain/respondents/history';
import { seededRandom } from './random';

const DAY_MS = 86_400_000;
/** 2025-06-01: the start of every synthetic history (18 months to 2026-12-01). */
const START = Date.parse('2025-06-01T00:00:00Z');
const SPAN_DAYS = 548;

/** A standard normal draw (Box–Muller). */
const normal = (random: () => number) => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
const sentimentOf = (move: number) => (move < -0.8 ? 'negative' : move > 0.8 ? 'positive' : 'neutral');

/** One person's responses on the given days: the latent moves by the trend plus noise between responses. */
const personResponses = (random: () => number, person: number, days: number[]): RespondentResponse[] => {
  const trend = normal(random) * 0.8;
  let latent = 6 + 3.5 * random();
  return days.map((day, i) => {
    const move = i === 0 ? 0 : trend + normal(random) * 1.2;
    latent = clamp(latent + move, -0.5, 10.5);
    const response: RespondentResponse = {
      responseId: `p${person}-r${i}`,
      score: clamp(Math.round(latent + normal(random) * 0.8), 0, 10),
      submittedAt: new Date(START + day * DAY_MS + Math.floor(random() * DAY_MS)).toISOString(),
      segments: { region: person % 2 ? 'eu' : 'us' },
    };
    if (random() < 0.5 && i > 0) response.commentSentiment = sentimentOf(move);
    return response;
  });
};

/**
 * Seeded synthetic respondents for the risk backtest: each has a latent satisfaction
 * (0–10) that drifts (a per-person trend plus noise) over 2–8 responses in 18 months;
 * a score is the latent plus noise; half the responses carry a comment whose sentiment
 * follows the latest move of the latent (a customer going sour says so before scoring low).
 */
export const syntheticRespondents = (count: number, seed = 7): RespondentResponse[][] => {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, person) => {
    const responses = 2 + Math.floor(random() * 7);
    const days = Array.from({ length: responses }, () => Math.floor(random() * SPAN_DAYS)).sort((a, b) => a - b);
    return personResponses(random, person, days);
  });
};
