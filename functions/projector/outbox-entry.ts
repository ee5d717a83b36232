import { categoryOf } from '../../domain/score';
import { type ChunkEntry, OUTBOX_TTL_SECONDS } from '../shared/outbox';
import type { PlannedItem } from './plan-groups';
import type { Transition } from './transitions';

/** True for a transition that counts a new detractor submission (close-the-loop publishes one event for it). */
const isDetractorSubmission = ({ event, after }: Transition): boolean =>
  event.type === 'ResponseSubmitted' && after.status === 'active' && categoryOf(after.score) === 'detractor';

/**
 * What a chunk publishes, written in its last transaction: the segments whose counters it
 * changed and the detractor submissions it counted. Undefined when there is nothing to publish.
 *
 * @example
 * outboxEntry({ key: 'r1:1', transitions, groups, now: Date.now() }); // { id: 'chunk#r1:1', kind: 'chunk', segments: ['all', …], … }
 */
export const outboxEntry = ({
  key,
  transitions,
  groups,
  now,
}: {
  key: string;
  transitions: Transition[];
  groups: PlannedItem[][];
  now: number;
}): ChunkEntry | undefined => {
  const segments = [...new Set(groups.flat().flatMap((item) => ('counter' in item ? [item.counter.segment] : [])))].sort();
  const detractors = transitions
    .filter(isDetractorSubmission)
    .map(({ event }) => ({ responseId: event.responseId, version: event.version }));
  if (!segments.length && !detractors.length) return undefined;
  return {
    id: `chunk#${key}`,
    kind: 'chunk',
    occurredAt: new Date(now).toISOString(),
    segments,
    detractors,
    expiresAt: Math.floor(now / 1000) + OUTBOX_TTL_SECONDS,
  };
};
