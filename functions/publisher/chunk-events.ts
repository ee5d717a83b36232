import type { ResponseSubmitted, StoredEvent } from '../../domain/events';
import { aggregateOf } from '../../domain/nps';
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

type Submission = StoredEvent & ResponseSubmitted;
const isSubmission = (event: StoredEvent): event is Submission => event.type === 'ResponseSubmitted';

/** The stored submissions an entry names, with their personal data as it is now (an erasure in between deletes it). */
const readDetractors = async (entry: ChunkEntry, responses: Pick<EventStore, 'readEventsByRef' | 'readPersonalData'>) => {
  const events = await responses.readEventsByRef(entry.detractors);
  const submissions = events.filter(isSubmission);
  if (submissions.length !== entry.detractors.length) {
    throw new InvariantError(`outbox ${entry.id}: not every detractor ref is a stored submission`);
  }
  const withPersonalData = submissions.filter((event) => event.data.hasComment || event.data.hasRespondentId);
  const personal = await responses.readPersonalData(withPersonalData.map((event) => event.responseId));
  return submissions.map((event) => ({ event, personal: personal.get(event.responseId) }));
};

const closeTheLoopEvent = (
  entry: ChunkEntry,
  { event, personal }: { event: Submission; personal: PersonalData | undefined },
): PublishableEvent => {
  const comment = personal?.comments[1];
  const analysis = personal?.analyses[1];
  const data = {
    responseId: event.responseId,
    score: event.data.score,
    submittedAt: event.data.submittedAt,
    segments: event.data.segments,
    ...(comment !== undefined ? { comment } : {}),
    ...(comment !== undefined && analysis ? { analysis } : {}),
    ...(personal?.respondentId !== undefined ? { respondentId: personal.respondentId } : {}),
  };
  const id = `DetractorResponseReceived:${event.responseId}`;
  return {
    type: 'DetractorResponseReceived',
    detail: publishedDetail({ type: 'DetractorResponseReceived', id, occurredAt: entry.occurredAt, data }),
  };
};

const aggregateUpdatedEvent = (entry: ChunkEntry, { segment, today, last30 }: SegmentSnapshot): PublishableEvent => {
  const data = {
    segment,
    day: aggregateOf(segment, today.day, today.day, today.scores),
    last30: aggregateOf(segment, last30.from, last30.to, last30.scores),
  };
  const id = `NpsAggregateUpdated:${entry.id}:${segment}`;
  return { type: 'NpsAggregateUpdated', detail: publishedDetail({ type: 'NpsAggregateUpdated', id, occurredAt: entry.occurredAt, data }) };
};

/**
 * The events a chunk entry publishes: one close-the-loop event per detractor submission
 * it counted, then one aggregate update per segment it touched.
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
  responses: Pick<EventStore, 'readEventsByRef' | 'readPersonalData'>;
}): Promise<PublishableEvent[]> => {
  const detractors = await readDetractors(entry, responses);
  return [...detractors.map((detractor) => closeTheLoopEvent(entry, detractor)), ...snapshots.map((s) => aggregateUpdatedEvent(entry, s))];
};
