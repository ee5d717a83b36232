import type { StoredEvent } from '../../domain/events';
import { loopOf } from '../../domain/follow-up';
import { aggregateOf } from '../../domain/nps';
import { foldResponse, type ResponseState } from '../../domain/response';
import { categoryOf } from '../../domain/score';
import { type EventRef, eventRef } from '../projection-engine/store';
import type { SegmentSnapshot } from '../shared/alerts/snapshots';
import { InvariantError } from '../shared/errors';
import type { EventStore, PersonalData } from '../shared/event-store';
import type { ChunkEntry } from '../shared/outbox';
import { PUBLISHED_EVENT_SCHEMAS, type PublishedDetailType } from '../shared/published-events';

/** One event to publish: its detail-type and its validated `detail` as JSON. */
export interface PublishableEvent {
  type: PublishedDetailType;
  detail: string;
}

/**
 * The `detail` of a published event as JSON, validated against its schema first (a
 * detail that does not match is a bug, never sent).
 *
 * @example
 * publishedDetail({ type: 'NpsAggregateUpdated', id: 'x', occurredAt, data }); // '{"metadata":{…},"data":{…}}'
 */
export const publishedDetail = ({
  type,
  id,
  occurredAt,
  data,
}: {
  type: PublishedDetailType;
  id: string;
  occurredAt: string;
  data: unknown;
}) => JSON.stringify(PUBLISHED_EVENT_SCHEMAS[type].parse({ metadata: { id, type, version: 1, occurredAt }, data }));

/**
 * The response as it stood at a ref's version, with its personal data as it is now (an erasure in between deletes it).
 */
interface ResponseAtRef {
  ref: EventRef;
  state: ResponseState;
  personal: PersonalData | undefined;
}

type Responses = Pick<EventStore, 'readEventsAt' | 'readPersonalData'>;

/** Each response's events up to its ref's version (1 … version: the keys are known, so they are read in batches). */
const streamsUpTo = async (refs: EventRef[], responses: Pick<EventStore, 'readEventsAt'>) => {
  const positions = refs.flatMap(({ responseId, version }) =>
    Array.from({ length: version }, (_, i) => ({ responseId, version: i + 1 })),
  );
  const streams = new Map<string, StoredEvent[]>();
  for (const event of await responses.readEventsAt(positions)) {
    const stream = streams.get(event.responseId);
    if (stream) stream.push(event);
    else streams.set(event.responseId, [event]);
  }
  for (const stream of streams.values()) stream.sort((a, b) => a.version - b.version);
  return streams;
};

const readAtRefs = async (refs: EventRef[], responses: Responses): Promise<ResponseAtRef[]> => {
  if (!refs.length) return [];
  const streams = await streamsUpTo(refs, responses);
  const states = refs.map((ref) => {
    const state = foldResponse((streams.get(ref.responseId) ?? []).filter((event) => event.version <= ref.version));
    if (!state || state.version !== ref.version)
      throw new InvariantError(`outbox: event ${eventRef(ref)} is not in the event store`);
    return state;
  });
  const withPersonalData = states.filter((state) => state.hasComment || state.hasRespondentId);
  const personal = await responses.readPersonalData([...new Set(withPersonalData.map((state) => state.responseId))]);
  return refs.map((ref, i) => ({ ref, state: states[i]!, personal: personal.get(ref.responseId) }));
};

/**
 * A response event (close-the-loop or referral): the response as the ref's version left
 * it, with the comment it then showed and its analysis, and the respondentId, while the
 * personal data exists.
 */
const responseEvent = (
  entry: ChunkEntry,
  type: 'DetractorResponseReceived' | 'PromoterResponseReceived',
  { ref, state, personal }: ResponseAtRef,
): PublishableEvent => {
  const comment = state.commentVersion !== undefined ? personal?.comments[state.commentVersion] : undefined;
  const analysis = comment !== undefined ? personal?.analyses[state.commentVersion!] : undefined;
  const data = {
    responseId: state.responseId,
    score: state.score,
    submittedAt: state.submittedAt,
    segments: state.segments,
    ...(comment !== undefined ? { comment } : {}),
    ...(analysis ? { analysis } : {}),
    ...(personal?.respondentId !== undefined ? { respondentId: personal.respondentId } : {}),
  };
  // a submission's event keeps the v1 id; an amendment that made a detractor is named by its version
  const id = ref.version === 1 ? `${type}:${ref.responseId}` : `${type}:${ref.responseId}:${ref.version}`;
  return { type, detail: publishedDetail({ type, id, occurredAt: entry.occurredAt, data }) };
};

/** A follow-up as published: what was done and where the loop stands, without note or `by`. */
const followUpEvent = (entry: ChunkEntry, { ref, state }: ResponseAtRef): PublishableEvent => {
  const followUp = state.followUps?.find((f) => f.version === ref.version);
  if (!followUp) throw new InvariantError(`outbox: event ${eventRef(ref)} is not a follow-up`);
  const data = {
    responseId: state.responseId,
    followUpId: followUp.followUpId,
    status: followUp.status,
    ...(followUp.channel ? { channel: followUp.channel } : {}),
    at: followUp.at,
    score: state.score,
    category: categoryOf(state.score),
    submittedAt: state.submittedAt,
    segments: state.segments,
    loop: loopOf(state),
  };
  const id = `FollowUpRecorded:${state.responseId}:${followUp.followUpId}`;
  return {
    type: 'FollowUpRecorded',
    detail: publishedDetail({ type: 'FollowUpRecorded', id, occurredAt: entry.occurredAt, data }),
  };
};

const aggregateUpdatedEvent = (entry: ChunkEntry, { segment, today, last30 }: SegmentSnapshot): PublishableEvent => {
  const data = {
    segment,
    day: aggregateOf(segment, today.day, today.day, today.scores),
    last30: aggregateOf(segment, last30.from, last30.to, last30.scores),
  };
  const id = `NpsAggregateUpdated:${entry.id}:${segment}`;
  return {
    type: 'NpsAggregateUpdated',
    detail: publishedDetail({ type: 'NpsAggregateUpdated', id, occurredAt: entry.occurredAt, data }),
  };
};

/**
 * The events a chunk entry publishes: one close-the-loop event per response it counted
 * that became a detractor (submitted as one, or amended into one), one referral event per
 * promoter submission, then one aggregate update per segment it touched.
 *
 * @example
 * const events = await chunkEvents({ entry, snapshots, responses: eventStore });
 */
export const chunkEvents = async ({
  entry,
  snapshots,
  responses,
}: {
  entry: ChunkEntry;
  snapshots: SegmentSnapshot[];
  responses: Responses;
}): Promise<PublishableEvent[]> => {
  const promoterRefs = entry.promoters ?? [];
  const read = await readAtRefs([...entry.detractors, ...promoterRefs, ...(entry.followUps ?? [])], responses);
  const detractors = read.slice(0, entry.detractors.length);
  const promoters = read.slice(entry.detractors.length, entry.detractors.length + promoterRefs.length);
  const followUps = read.slice(entry.detractors.length + promoterRefs.length);
  return [
    ...detractors.map((detractor) => responseEvent(entry, 'DetractorResponseReceived', detractor)),
    ...promoters.map((promoter) => responseEvent(entry, 'PromoterResponseReceived', promoter)),
    ...followUps.map((followUp) => followUpEvent(entry, followUp)),
    ...snapshots.map((s) => aggregateUpdatedEvent(entry, s)),
  ];
};
