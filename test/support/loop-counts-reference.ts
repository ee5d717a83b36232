import type { StoredEvent } from '../../domain/events';
import { finalStates } from './event-history';
import { type ModelResponse, segmentsOf } from './reference';

/** The earliest `at` of a follow-up with one of these statuses, if any. */
export const earliestFollowUp = (
  followUps: readonly { status: string; at: string }[] | undefined,
  statuses: string[],
) =>
  (followUps ?? [])
    .filter((f) => statuses.includes(f.status))
    .map((f) => f.at)
    .sort()[0];

/** Where the loop of a response stands (docs/close-the-loop.md), written out. */
export const referenceLoopStatus = (score: number, followUps: readonly { status: string; at: string }[] = []) => {
  const has = (status: string) => followUps.some((f) => f.status === status);
  if (has('resolved')) return 'resolved';
  if (has('contacted')) return 'contacted';
  if (has('wont_fix')) return 'closed';
  if (has('no_answer')) return 'attempted';
  return score <= 6 ? 'open' : 'none';
};

/** Minutes to first contact as documented: exact within 48 hours, whole hours after. */
const minutesOf = (ms: number) => {
  const minutes = Math.floor(ms / 60_000);
  return minutes < 2_880 ? minutes : minutes - (minutes % 60);
};

/** What a live detractor counts: itself, its first contact (and how fast), its resolution. */
const attributesOf = (r: ModelResponse) => {
  const contact = earliestFollowUp(r.followUps, ['contacted', 'resolved']);
  const attributes = ['d'];
  if (contact !== undefined) {
    const ms = Date.parse(contact) - Date.parse(r.submittedAt);
    attributes.push('c', `h${minutesOf(ms)}`, ...(ms <= 48 * 3_600_000 ? ['w'] : []));
  }
  if (earliestFollowUp(r.followUps, ['resolved']) !== undefined) attributes.push('s');
  return attributes;
};

/**
 * What the loop counts must hold after a history, as lines `segment#d|day attribute value` (and `#m|month`), from the
 * final state of each response: every live detractor counted on its submission's day and month in each of its segments.
 */
export const expectedLoopCounts = (events: StoredEvent[], combinations: string[][]): string[] => {
  const totals = new Map<string, number>();
  const lines = [...finalStates(events).values()]
    .filter((r) => !r.erased && r.score <= 6)
    .flatMap((r) => {
      const buckets = [`d|${r.submittedAt.slice(0, 10)}`, `m|${r.submittedAt.slice(0, 7)}`];
      const attributes = attributesOf(r);
      return segmentsOf(r.segments, combinations).flatMap((segment) =>
        buckets.flatMap((bucket) => attributes.map((attribute) => `${segment}#${bucket} ${attribute}`)),
      );
    });
  for (const line of lines) totals.set(line, (totals.get(line) ?? 0) + 1);
  return [...totals].map(([key, value]) => `${key} ${value}`).sort();
};

/** The loop counts an in-memory store holds that differ from the reference's, as a line (none when equal). */
export const loopDifferences = (stored: string[], expected: string[]): string[] =>
  stored.join('\n') === expected.join('\n')
    ? []
    : [`loop counts differ (${stored.length} vs ${expected.length}), e.g. ${stored.find((l, i) => l !== expected[i])}`];

/**
 * Recovery: a detractor followed by another response, on the detractor's day and month in each of its segments, `c`
 * when first contacted no later than the next was submitted; `r` when the next is passive or promoter.
 */
export const addRecovery = (
  add: (key: string) => void,
  [detractor, next]: [ModelResponse, ModelResponse],
  segments: string[],
) => {
  const contact = earliestFollowUp(detractor.followUps, ['contacted', 'resolved']);
  const group = contact !== undefined && Date.parse(contact) <= Date.parse(next.submittedAt) ? 'c' : 'n';
  for (const segment of segments) {
    for (const item of [`d|${detractor.submittedAt.slice(0, 10)}`, `m|${detractor.submittedAt.slice(0, 7)}`]) {
      add(`${item} r|${segment}|${group}|a`);
      if (next.score >= 7) add(`${item} r|${segment}|${group}|r`);
    }
  }
};
