import type { StoredEvent } from '../../domain/events';

const FOLLOW_UP_STATUSES = ['contacted', 'resolved', 'no_answer', 'wont_fix'] as const;

/** One response in four gets one to three follow-ups, up to 100 hours after its submission, in any order of `at`. */
export const addFollowUps = (
  events: StoredEvent[],
  base: { schemaVersion: 1; responseId: string; recordedAt: string },
  random: () => number,
) => {
  if (random() >= 0.25) return;
  const submittedAt = Date.parse((events[0] as StoredEvent & { type: 'ResponseSubmitted' }).data.submittedAt);
  for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
    const version = events.length + 1;
    const at = new Date(submittedAt + Math.floor(random() * 100 * 60) * 60_000).toISOString();
    const status = FOLLOW_UP_STATUSES[Math.floor(random() * FOLLOW_UP_STATUSES.length)]!;
    const data = { followUpId: `${base.responseId}-f${version}`, status, at, hasNote: false, hasBy: false };
    events.push({ ...base, type: 'FollowUpRecorded', version, data });
  }
};
