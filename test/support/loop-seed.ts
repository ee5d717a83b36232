/** The responses and follow-ups of the close-the-loop test, with what the reference model must know of them. */
import type { ModelFollowUp, ModelResponse } from './loop-reference';
import { seededRandom } from './random';

export const DAY = 86_400_000;
const MINUTE = 60_000;
const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
/** Six months of detractors ending 8 days ago, so that every follow-up (at most ~5 days later) lies in the past. */
export const END = today - 8 * DAY;
export const START = END - 182 * DAY;
export const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const iso = (ms: number) => new Date(ms).toISOString();

const random = seededRandom(32);
const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;

export interface Planned extends ModelResponse {
  /** Follow-ups to record: what the model keeps, and what is sent. */
  planned: (ModelFollowUp & { followUpId: string; note?: string; by?: string })[];
}

/** 2,000 detractors across segments, 600 of whose respondents answer again, and 400 passives and promoters. */
export const seedLoop = (): Planned[] => {
  const responses: Planned[] = [];
  const response = (id: string, score: number, at: number, respondentId?: string): Planned => ({
    responseId: id,
    score,
    submittedAt: iso(at),
    segments: { region: pick(['eu', 'us', 'apac']), plan: pick(['free', 'pro']) },
    ...(respondentId ? { respondentId } : {}),
    erased: false,
    followUps: [],
    planned: [],
  });
  for (let i = 0; i < 2_000; i++) {
    const at = START + Math.floor(random() * 180 * DAY);
    const detractor = response(`d-${i}`, Math.floor(random() * 7), at, `cust-${i}`);
    plan(detractor, at);
    responses.push(detractor);
    if (i % 10 < 3)
      responses.push(
        response(`n-${i}`, Math.floor(random() * 11), at + DAY + Math.floor(random() * 9 * DAY), `cust-${i}`),
      );
  }
  for (let i = 0; i < 400; i++) {
    const promoter = response(`p-${i}`, 7 + Math.floor(random() * 4), START + Math.floor(random() * 180 * DAY));
    if (i < 20)
      promoter.planned.push({
        followUpId: `fp-${i}`,
        status: 'contacted',
        at: iso(Date.parse(promoter.submittedAt) + 3_600_000),
        note: 'Merci !',
      });
    responses.push(promoter);
  }
  return responses;
};

/** A detractor's follow-ups: none (35%), a contact at a known delay (then often a resolution), or only attempts. */
const plan = (r: Planned, at: number) => {
  const kind = random();
  const delay = () => Math.floor(random() * 5_000) * MINUTE + Math.floor(random() * 60_000);
  const add = (status: ModelFollowUp['status'], ms: number, personal = {}) =>
    r.planned.push({ followUpId: `${r.responseId}-f${r.planned.length}`, status, at: iso(ms), ...personal });
  if (kind < 0.35) return;
  if (kind < 0.75) {
    const contact = at + delay();
    add('contacted', contact, random() < 0.5 ? { note: `Rappelé ${r.responseId}, excuses`, by: 'Agent Smith' } : {});
    if (random() < 0.4) add('resolved', contact + Math.floor(random() * 2_000) * MINUTE, { by: 'Agent Smith' });
  } else if (kind < 0.85) add('no_answer', at + delay());
  else if (kind < 0.92) add('wont_fix', at + delay(), { note: 'Hors périmètre' });
  else {
    // an unanswered call first, recorded after the contact it preceded
    const contact = at + delay();
    add('contacted', contact, { channel: 'email' });
    add('no_answer', contact - MINUTE);
  }
};
