import { expect } from 'vitest';
import { commentWriter } from './comments';
import { pickWith, seededRandom } from './random';
import { referenceAggregates, referencePeople, referenceRiskTallies, referenceView } from './respondent-reference';
import { type api, mapLimited } from './stack';
import { submitAll } from './submit';

type Http = ReturnType<typeof api>;

const PEOPLE = 500;
const DAY_MS = 86_400_000;
const FIRST = Date.parse('2025-06-01T00:00:00Z');
const SPAN_DAYS = 548; // 18 months

export interface Seeded {
  responseId: string;
  respondentId?: string;
  score: number;
  submittedAt: string;
  segments: Record<string, string>;
  comment?: string;
  erased: boolean;
}

/** Ids as CRMs have them: emails with spaces, paths with slashes, plain keys. */
const ID_FORMS = [(i: number) => `person ${i}@example.org`, (i: number) => `acct/${i}`, (i: number) => `crm-${i}`];
const idOf = (i: number) => ID_FORMS[i % 3]!(i);

const seededResponse =
  (random: () => number, write: ReturnType<typeof commentWriter>) =>
  (responseId: string, respondentId?: string): Seeded => {
    const score = Math.floor(random() * 11);
    return {
      responseId,
      ...(respondentId !== undefined ? { respondentId } : {}),
      score,
      submittedAt: new Date(FIRST + Math.floor(random() * SPAN_DAYS * DAY_MS)).toISOString(),
      segments: { region: pickWith(random)(['eu', 'us']), plan: random() < 0.3 ? 'pro' : 'free' },
      ...(random() < 0.4 ? { comment: write({ language: pickWith(random)(['fr', 'en'] as const), score }) } : {}),
      erased: false,
    };
  };

/** 500 people × 1–6 responses over 18 months, and 200 anonymous responses, in a shuffled order (late arrivals). */
export const seedRespondents = (): Seeded[] => {
  const random = seededRandom(12);
  const response = seededResponse(random, commentWriter(random));
  const people = Array.from({ length: PEOPLE }, (_, i) =>
    Array.from({ length: 1 + Math.floor(random() * 6) }, (_, k) => response(`rs-${i}-${k}`, idOf(i))),
  );
  const anonymous = Array.from({ length: 200 }, (_, k) => response(`anon-${k}`, undefined));
  return shuffled([...people.flat(), ...anonymous], random);
};

/** Fisher–Yates, seeded. */
const shuffled = <T>(items: T[], random: () => number): T[] => {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
};

export const submitSeeded = (http: Http, responses: Seeded[]) =>
  submitAll(
    http,
    responses.map(({ erased: _erased, ...r }) => r),
  );

/** Amends 10% (a new score, half of them a new comment) and erases 5% of the responses. */
export const amendAndErase = async (http: Http, responses: Seeded[]) => {
  const random = seededRandom(99);
  const write = commentWriter(random);
  await mapLimited(responses, 8, async (r) => {
    const roll = random();
    if (roll < 0.05) {
      expect((await http.delete(`/v1/responses/${r.responseId}`)).status).toBe(202);
      r.erased = true;
    } else if (roll < 0.15) {
      r.score = (r.score + 1 + Math.floor(random() * 10)) % 11; // another score: an amendment, not a no-op
      const comment = random() < 0.5 ? { comment: write({ language: 'en', score: r.score }) } : {};
      expect((await http.patch(`/v1/responses/${r.responseId}`, { score: r.score, ...comment })).status).toBe(202);
      if (comment.comment) r.comment = comment.comment;
    }
  });
};

/** The sentiment of every current comment, from the API's own analyzer. */
const sentiments = async (http: Http, responses: Seeded[]) => {
  const commented = responses.filter((r) => r.comment !== undefined && !r.erased);
  const found = new Map<string, string>();
  for (let i = 0; i < commented.length; i += 100) {
    const page = commented.slice(i, i + 100);
    const answer = await http.post('/v1/analyze', { comments: page.map((r) => ({ text: r.comment })) });
    for (const [k, r] of page.entries()) found.set(r.responseId, answer.body.results[k].sentiment.label);
  }
  return found;
};

/** The reference: each person's view from the final states, and the transition and risk aggregates. */
export const referenceOf = async (http: Http, responses: Seeded[]) => {
  const sentimentOf = await sentiments(http, responses);
  const people = referencePeople(
    responses.map((r) => ({
      ...r,
      ...(sentimentOf.has(r.responseId) ? { sentiment: sentimentOf.get(r.responseId) } : {}),
    })),
  );
  const aggregates = referenceAggregates(people, []);
  const tallies = referenceRiskTallies(aggregates);
  const views = new Map([...people].map(([id, list]) => [id, referenceView(id, list, tallies)]));
  return { people, aggregates, views };
};
