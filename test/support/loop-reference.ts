/**
 * An independent model of close-the-loop figures, written from the documented rules
 * (docs/close-the-loop.md) without the backend's code: what `/v1/loop` and `loop=open`
 * must answer for responses whose final states the test knows.
 */
export interface ModelFollowUp {
  status: 'contacted' | 'resolved' | 'no_answer' | 'wont_fix';
  at: string;
}

export interface ModelResponse {
  responseId: string;
  score: number;
  submittedAt: string;
  segments: Record<string, string>;
  respondentId?: string;
  erased: boolean;
  followUps: ModelFollowUp[];
}

const HOUR = 3_600_000;

const dayOf = (instant: string) => instant.slice(0, 10);

const inSegment = (r: ModelResponse, segment: string) => {
  if (segment === 'all') return true;
  const [dimension, value] = segment.split(':');
  return r.segments[dimension!] === value;
};

const isDetractor = (r: ModelResponse) => !r.erased && r.score <= 6;

const firstAt = (r: ModelResponse, statuses: string[]) => {
  const times = r.followUps.filter((f) => statuses.includes(f.status)).map((f) => Date.parse(f.at));
  return times.length ? Math.min(...times) : undefined;
};

/** Minutes as documented: exact below 48 hours, rounded down to the hour from there. */
const countedMinutes = (ms: number) => {
  const minutes = Math.floor(ms / 60_000);
  return minutes < 48 * 60 ? minutes : Math.floor(minutes / 60) * 60;
};

const median = (values: number[]) => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The Wilson score interval at 95%, from its textbook formula. */
const wilson = (k: number, n: number) => {
  if (!n) return null;
  const z = 1.959963984540054;
  const p = k / n;
  const denominator = 1 + (z * z) / n;
  const centre = p + (z * z) / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p) + (z * z) / (4 * n)) / n);
  return { low: Math.max(0, (centre - spread) / denominator), high: Math.min(1, (centre + spread) / denominator) };
};

const byTimeThenId = (a: ModelResponse, b: ModelResponse) =>
  a.submittedAt !== b.submittedAt
    ? a.submittedAt < b.submittedAt
      ? -1
      : 1
    : a.responseId < b.responseId
      ? -1
      : a.responseId > b.responseId
        ? 1
        : 0;

/** Each respondent's live responses in event-time order. */
const historiesOf = (responses: readonly ModelResponse[]) => {
  const byRespondent = new Map<string, ModelResponse[]>();
  for (const r of responses.filter((r) => !r.erased && r.respondentId !== undefined)) {
    byRespondent.set(r.respondentId!, [...(byRespondent.get(r.respondentId!) ?? []), r]);
  }
  return [...byRespondent.values()].map((own) => own.sort(byTimeThenId));
};

/** Of the counted detractors followed by another response of their respondent: answered again and recovered, by group. */
const recoveryGroups = (responses: readonly ModelResponse[], counted: Set<string>) => {
  const groups = { contacted: { a: 0, r: 0 }, notContacted: { a: 0, r: 0 } };
  const pairs = historiesOf(responses).flatMap((own) => own.slice(1).map((next, i) => [own[i]!, next] as const));
  for (const [first, next] of pairs.filter(([first]) => counted.has(first.responseId))) {
    const contact = firstAt(first, ['contacted', 'resolved']);
    const group = contact !== undefined && contact <= Date.parse(next.submittedAt) ? 'contacted' : 'notContacted';
    groups[group].a++;
    if (next.score >= 7) groups[group].r++;
  }
  return groups;
};

/** What `/v1/loop?segment&from&to` must answer. */
export const expectedLoop = (responses: readonly ModelResponse[], segment: string, from: string, to: string) => {
  const inRange = responses.filter(
    (r) => isDetractor(r) && inSegment(r, segment) && dayOf(r.submittedAt) >= from && dayOf(r.submittedAt) <= to,
  );
  const contactTimes = inRange.flatMap((r) => {
    const first = firstAt(r, ['contacted', 'resolved']);
    return first === undefined ? [] : [first - Date.parse(r.submittedAt)];
  });
  const n = inRange.length;
  const share = (k: number) => (n ? k / n : null);
  const groups = recoveryGroups(responses, new Set(inRange.map((r) => r.responseId)));
  const recovery = (g: { a: number; r: number }) => ({
    answeredAgain: g.a,
    recovered: g.r,
    share: g.a ? g.r / g.a : null,
    ci95: wilson(g.r, g.a),
  });
  const medianMinutes = median(contactTimes.map(countedMinutes));
  return {
    segment,
    from,
    to,
    detractors: n,
    contacted: contactTimes.length,
    contactedShare: share(contactTimes.length),
    contactedWithin48hShare: share(contactTimes.filter((ms) => ms <= 48 * HOUR).length),
    medianHoursToFirstContact: medianMinutes === null ? null : medianMinutes / 60,
    resolvedShare: share(inRange.filter((r) => firstAt(r, ['resolved']) !== undefined).length),
    recovery: { contacted: recovery(groups.contacted), notContacted: recovery(groups.notContacted) },
  };
};

/** The ids `loop=open` must list over a range, oldest first: active detractors with no follow-up at all. */
export const expectedOpen = (responses: readonly ModelResponse[], from: string, to: string) =>
  responses
    .filter((r) => isDetractor(r) && !r.followUps.length && dayOf(r.submittedAt) >= from && dayOf(r.submittedAt) <= to)
    .sort(byTimeThenId)
    .map((r) => r.responseId);
