import type { EventBridgeClient, PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { aggregateOf } from '../query-api/queries';
import type { EventStore } from '../shared/event-store';
import type { ChunkEntry, OutboxEntry } from '../shared/outbox';
import { PUBLISHED_EVENT_SCHEMAS, type PublishedDetailType } from '../shared/published-events';
import { type AlertDependencies, evaluateSnapshots, readSnapshots, type SegmentSnapshot } from './alerts';
import { type PublishOptions, publishEntries } from './put-events';

/** An outbox stream record, decoded. */
export interface OutboxRecord {
  sequenceNumber: string;
  entry: OutboxEntry;
}

export interface PublisherDependencies extends AlertDependencies {
  eventBridge: EventBridgeClient;
  eventBusName: string;
  source: string;
  /** Reads detractor submissions and their personal data (for close-the-loop details). */
  responses: Pick<EventStore, 'readEventsByRef' | 'readPersonalData'>;
  publishOptions?: PublishOptions;
  /** Called with the last-30-days NPS of `all` when an update for it is published (the dashboard metric). */
  onAllSegmentNps?: (nps: number | null) => void;
}

export interface PublishResult {
  failedAt?: string;
  error?: unknown;
  published: number;
  alerts: { spiked: string[]; recovered: string[] };
}

type Entry = PutEventsRequestEntry & { record: number };

const detail = (type: PublishedDetailType, id: string, occurredAt: string, data: unknown): string =>
  JSON.stringify(PUBLISHED_EVENT_SCHEMAS[type].parse({ metadata: { id, type, version: 1, occurredAt }, data }));

/** The events a chunk entry publishes: one close-the-loop event per detractor, one update per segment. */
const chunkEvents = async (
  entry: ChunkEntry,
  snapshots: SegmentSnapshot[],
  deps: PublisherDependencies,
): Promise<{ type: PublishedDetailType; detail: string }[]> => {
  const submissions = await deps.responses.readEventsByRef(entry.detractors);
  if (submissions.length !== entry.detractors.length || submissions.some((event) => event.type !== 'ResponseSubmitted')) {
    throw new Error(`outbox ${entry.id}: not every detractor ref is a stored submission`);
  }
  // personal data is read now, not copied into the outbox: an erasure in between deletes it
  const personal = await deps.responses.readPersonalData(
    submissions
      .filter((event) => event.type === 'ResponseSubmitted' && (event.data.hasComment || event.data.hasRespondentId))
      .map((event) => event.responseId),
  );
  const closeTheLoop = submissions.map((event) => {
    if (event.type !== 'ResponseSubmitted') throw new Error('unreachable');
    const data = personal.get(event.responseId);
    const comment = data?.comments[1];
    return {
      type: 'DetractorResponseReceived' as const,
      detail: detail('DetractorResponseReceived', `DetractorResponseReceived:${event.responseId}`, entry.occurredAt, {
        responseId: event.responseId,
        score: event.data.score,
        submittedAt: event.data.submittedAt,
        segments: event.data.segments,
        ...(comment !== undefined ? { comment } : {}),
        ...(data?.respondentId !== undefined ? { respondentId: data.respondentId } : {}),
      }),
    };
  });
  const updates = snapshots.map(({ segment, today, last30 }) => {
    const last30Aggregate = aggregateOf(segment, last30.from, last30.to, last30.scores);
    if (segment === 'all') deps.onAllSegmentNps?.(last30Aggregate.nps);
    return {
      type: 'NpsAggregateUpdated' as const,
      detail: detail('NpsAggregateUpdated', `NpsAggregateUpdated:${entry.id}:${segment}`, entry.occurredAt, {
        segment,
        day: aggregateOf(segment, today.day, today.day, today.scores),
        last30: last30Aggregate,
      }),
    };
  });
  return [...closeTheLoop, ...updates];
};

/**
 * Publishes a batch of outbox records to EventBridge: for each chunk entry it first
 * evaluates the detractor-share alert of the touched segments (alerts go to the outbox
 * and are published from there), then publishes its close-the-loop and aggregate
 * events; alert entries are published as they are. Every detail is validated against
 * its schema; `metadata.id` is derived from the outbox entry, so a redelivered record
 * republishes the same ids. Reports the first record with an unpublished event.
 *
 * @example
 * const result = await publishBatch(records, deps);
 * if (result.failedAt) return { batchItemFailures: [{ itemIdentifier: result.failedAt }] };
 */
export const publishBatch = async (records: OutboxRecord[], deps: PublisherDependencies): Promise<PublishResult> => {
  const entries: Entry[] = [];
  const alerts = { spiked: [] as string[], recovered: [] as string[] };
  for (const [index, { entry, sequenceNumber }] of records.entries()) {
    try {
      const events =
        entry.kind === 'alert'
          ? [{ type: entry.detailType, detail: detail(entry.detailType, entry.id, entry.occurredAt, entry.data) }]
          : await (async () => {
              const snapshots = await readSnapshots(entry.segments, deps.projections, deps.now());
              const evaluated = await evaluateSnapshots(snapshots, deps);
              alerts.spiked.push(...evaluated.spiked);
              alerts.recovered.push(...evaluated.recovered);
              return chunkEvents(entry, snapshots, deps);
            })();
      for (const event of events) {
        entries.push({
          record: index,
          Source: deps.source,
          DetailType: event.type,
          Detail: event.detail,
          EventBusName: deps.eventBusName,
          Time: new Date(entry.occurredAt),
        });
      }
    } catch (error) {
      const published = await publishUpTo(entries, deps);
      return {
        failedAt: published.failedRecord !== undefined ? records[published.failedRecord]!.sequenceNumber : sequenceNumber,
        error,
        published: published.count,
        alerts,
      };
    }
  }
  const published = await publishUpTo(entries, deps);
  return {
    ...(published.failedRecord !== undefined
      ? { failedAt: records[published.failedRecord]!.sequenceNumber, error: new Error('events still failing after retries') }
      : {}),
    published: published.count,
    alerts,
  };
};

/** Publishes entries; answers how many went out and the first record with a failed entry. */
const publishUpTo = async (entries: Entry[], deps: PublisherDependencies) => {
  if (!entries.length) return { count: 0, failedRecord: undefined };
  const plain = entries.map(({ record: _, ...entry }) => entry);
  const report = await publishEntries(deps.eventBridge, plain, deps.publishOptions);
  const failed = new Set(report.failed);
  const failedRecords = plain.flatMap((entry, i) => (failed.has(entry) ? [entries[i]!.record] : []));
  return { count: entries.length - report.failed.length, failedRecord: failedRecords.length ? Math.min(...failedRecords) : undefined };
};
