import { expect } from 'vitest';
import { commentWriter } from './comments';
import { pickWith, seededRandom } from './random';
import { type api, mapLimited } from './stack';
import { submitAll } from './submit';

type Http = ReturnType<typeof api>;

const DAY_MS = 86_400_000;
const FIRST = Date.parse('2025-06-01T00:00:00Z');
const SPAN_DAYS = 548; // 18 months

/** A response as the tests sent it, kept up to date through its amendments and erasure. */
export interface Sent {
  responseId: string;
  score: number;
  submittedAt: string;
  segments: Record<string, string>;
  comment?: string;
  respondentId?: string;
  version: number;
  erased: boolean;
}

/** Comments a spreadsheet would run as formulas: the CSV must neutralise them. */
export const FORMULA_COMMENTS = ['=HYPERLINK("http://x","y")', '+33 6 12 34 56 78', '-trop cher', '@SUM(1+1)'];

/**
 * Responses over 18 months in 4 dimensions, 60% with a French or English comment (one in 97
 * starting like a formula, some sharing a submission instant), half of them from one of
 * `count / 4` people.
 */
export const seedResponseList = (count: number, seed = 27): Sent[] => {
  const random = seededRandom(seed);
  const pick = pickWith(random);
  const write = commentWriter(random);
  const people = Math.max(1, Math.floor(count / 4));
  const commentOf = (formula: string | undefined, commented: boolean, score: number) => {
    if (formula !== undefined) return formula;
    return commented ? write({ language: pick(['fr', 'en'] as const), score }) : undefined;
  };
  let previous = FIRST;
  return Array.from({ length: count }, (_, i) => {
    const score = Math.floor(random() * 11);
    // one in twenty shares its instant with the response before it: the order falls back on the id
    const at = random() < 0.05 ? previous : FIRST + Math.floor(random() * SPAN_DAYS * DAY_MS);
    previous = at;
    const comment = commentOf(i % 97 === 0 ? FORMULA_COMMENTS[(i / 97) % 4] : undefined, random() < 0.6, score);
    return {
      responseId: `rl-${String(i).padStart(5, '0')}`,
      score,
      submittedAt: new Date(at).toISOString(),
      segments: {
        region: pick(['eu', 'us', 'apac']),
        plan: pick(['free', 'pro', 'team']),
        channel: pick(['email', 'web', 'app']),
        country: pick(['FR', 'GB', 'US', 'CA']),
      },
      ...(comment !== undefined ? { comment } : {}),
      ...(random() < 0.5 ? { respondentId: `person-${Math.floor(random() * people)}` } : {}),
      version: 1,
      erased: false,
    };
  });
};

/** What the API is sent for a response (its test bookkeeping left out). */
const bodyOf = ({ version: _v, erased: _e, ...body }: Sent) => body;

export const submitSent = (http: Pick<Http, 'post'>, responses: readonly Sent[]) =>
  submitAll(http, responses.map(bodyOf));

/**
 * Amends a share of the responses (a new score; half of them a new comment, some a
 * comment where there was none) and erases another share, keeping `sent` in step.
 */
export const amendAndEraseSent = async (
  http: Http,
  sent: Sent[],
  { amend, erase, seed }: { amend: number; erase: number; seed: number },
) => {
  const random = seededRandom(seed);
  const write = commentWriter(random);
  const rolls = sent.filter((r) => !r.erased).map((r) => ({ r, roll: random(), withComment: random() < 0.5 }));
  const amendOne = async (r: Sent, withComment: boolean) => {
    const score = (r.score + 1 + Math.floor(random() * 10)) % 11; // another score: an amendment, not a no-op
    const comment = withComment ? { comment: write({ language: random() < 0.5 ? 'fr' : 'en', score }) } : {};
    expect((await http.patch(`/v1/responses/${r.responseId}`, { score, ...comment })).status).toBe(202);
    r.score = score;
    r.version++;
    if (comment.comment !== undefined) r.comment = comment.comment;
  };
  await mapLimited(rolls, 8, async ({ r, roll, withComment }) => {
    if (roll < erase) {
      expect((await http.delete(`/v1/responses/${r.responseId}`)).status).toBe(202);
      r.erased = true;
    } else if (roll < erase + amend) await amendOne(r, withComment);
  });
};

/** The analysis of a comment as `/v1/analyze` gives it. */
export type AnalysisOf = Map<string, Record<string, any>>;

/** The analysis of every current comment, from the API's own analyzer (100 a call), by response id. */
export const analysesOf = async (http: Http, sent: readonly Sent[]): Promise<AnalysisOf> => {
  const commented = sent.filter((r) => r.comment !== undefined && !r.erased);
  const found: AnalysisOf = new Map();
  for (let i = 0; i < commented.length; i += 100) {
    const page = commented.slice(i, i + 100);
    const answer = await http.post('/v1/analyze', { comments: page.map((r) => ({ text: r.comment })) });
    expect(answer.status).toBe(200);
    for (const [k, r] of page.entries()) found.set(r.responseId, answer.body.results[k]);
  }
  return found;
};
