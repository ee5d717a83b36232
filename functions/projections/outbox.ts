import { categoryOf } from '../../domain/score';
import type { Projection, Transition } from '../projection-engine/projection';
import { type ChunkEntry, OUTBOX_TTL_SECONDS } from '../shared/outbox';
import { COUNTER_MODEL, segmentOfCounter } from './counters';
import { isLoopName } from './loop-names';

/**
 * True for a transition that makes a counted response a detractor: its submission with
 * 0–6, or an amendment of a promoter or passive to 0–6 (close-the-loop publishes one event for it).
 */
const becomesDetractor = ({ event, before, after }: Transition): boolean =>
  after.status === 'active' &&
  categoryOf(after.score) === 'detractor' &&
  (event.type === 'ResponseSubmitted' ||
    (event.type === 'ResponseAmended' && before !== undefined && categoryOf(before.score) !== 'detractor'));

/** True for a promoter submission (referral programmes get one event for it). */
const isPromoterSubmission = ({ event, after }: Transition): boolean =>
  event.type === 'ResponseSubmitted' && after.status === 'active' && categoryOf(after.score) === 'promoter';

/** A follow-up of a response that is not erased (ticketing workflows get one event for it). */
const isFollowUp = ({ event, after }: Transition): boolean =>
  event.type === 'FollowUpRecorded' && after.status === 'active';

const refOf = ({ event }: Transition) => ({ responseId: event.responseId, version: event.version });

/**
 * A respondent's promoter or passive response, submitted or amended: it may leave them at risk (the publisher decides).
 */
const mayPutAtRisk = ({ event, after }: Transition): boolean =>
  event.type !== 'ResponseErased' &&
  after.status === 'active' &&
  after.respondent?.id !== undefined &&
  categoryOf(after.score) !== 'detractor';

/**
 * What a chunk publishes, written in its last transaction: the segments whose counters it
 * changed, the responses it made detractors and the promoter submissions it counted.
 * Undefined when there is nothing to publish.
 *
 * @example
 * outboxEntry({ key: 'r1:1', transitions, segments: ['all'], now: Date.now() }); // { id: 'chunk#r1:1', kind: 'chunk',
 * … }
 */
export const outboxEntry = ({
  key,
  transitions,
  segments,
  now,
}: {
  key: string;
  transitions: Transition[];
  segments: string[];
  now: number;
}): ChunkEntry | undefined => {
  const detractors = transitions.filter(becomesDetractor).map(refOf);
  const promoters = transitions.filter(isPromoterSubmission).map(refOf);
  const atRisk = transitions.filter(mayPutAtRisk).map((t) => ({ ...refOf(t), respondent: t.after.respondent!.key }));
  const followUps = transitions.filter(isFollowUp).map(refOf);
  if (!segments.length && !detractors.length && !promoters.length && !atRisk.length && !followUps.length) {
    return undefined;
  }
  return {
    id: `chunk#${key}`,
    kind: 'chunk',
    occurredAt: new Date(now).toISOString(),
    segments,
    detractors,
    promoters,
    ...(atRisk.length ? { atRisk } : {}),
    ...(followUps.length ? { followUps } : {}),
    expiresAt: Math.floor(now / 1000) + OUTBOX_TTL_SECONDS,
  };
};

/**
 * The transactional outbox: what the publisher turns into events (`NpsAggregateUpdated`
 * per segment whose counters changed, close-the-loop and referral events, at-risk checks).
 * The segments come from the counter changes of the same chunk, so it must be registered after the counters.
 */
export const outbox: Projection<Transition[]> = {
  name: 'outbox',
  version: 1,
  models: [],
  handles: ['ResponseSubmitted', 'ResponseAmended', 'ResponseErased', 'FollowUpRecorded'],
  init: () => [],
  fold: (transitions, transition) => {
    transitions.push(transition);
    return transitions;
  },
  changes: (transitions, { chunkKey, now }, earlier) => {
    // the loop's counts ride on counter items: a segment is updated when its scores or tallies are
    const counted = earlier.flatMap((change) =>
      change.kind === 'add' &&
      change.item.model === COUNTER_MODEL &&
      Object.keys(change.counts).some((name) => !isLoopName(name))
        ? [segmentOfCounter(change.item)]
        : [],
    );
    const segments = [...new Set(counted)].sort();
    const entry = outboxEntry({ key: chunkKey, transitions, segments, now });
    return entry ? [{ kind: 'emit', entry }] : [];
  },
};
