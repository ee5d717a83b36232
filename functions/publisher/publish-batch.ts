import type { EventBridgeClient, PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { aggregateOf } from '../../domain/nps';
import { type AlertDependencies, type AlertOutcome, evaluateSnapshots } from '../shared/alerts/evaluate';
import { readSnapshots } from '../shared/alerts/snapshots';
import { DependencyUnavailableError } from '../shared/errors';
import type { EventStore } from '../shared/event-store';
import type { OutboxEntry } from '../shared/outbox';
import { type AtRiskSources, atRiskEvents } from './at-risk-events';
import { chunkEvents, type PublishableEvent, publishedDetail } from './chunk-events';
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
  responses: Pick<EventStore, 'readEvents' | 'readPersonalData'>;
  publishOptions?: PublishOptions;
  /** Respondent views and the risk threshold, for `RespondentAtRisk` (none published without them). */
  atRisk?: AtRiskSources;
  /** Called with the last-30-days NPS of `all` when an update for it is published (the dashboard metric). */
  onAllSegmentNps?: (nps: number | null) => void;
}

export interface PublishResult {
  failedAt?: string;
  error?: unknown;
  published: number;
  alerts: AlertOutcome;
}

type Entry = PutEventsRequestEntry & { record: number };

/**
 * The events of one outbox entry. For a chunk entry, the detractor-share alert of the
 * touched segments is evaluated first (its alerts go to the outbox and are published
 * from there), then its close-the-loop and aggregate events follow; an alert entry is
 * published as it is.
 */
const entryEvents = async (entry: OutboxEntry, deps: PublisherDependencies, alerts: AlertOutcome): Promise<PublishableEvent[]> => {
  if (entry.kind === 'alert') {
    return [
      {
        type: entry.detailType,
        detail: publishedDetail({ type: entry.detailType, id: entry.id, occurredAt: entry.occurredAt, data: entry.data }),
      },
    ];
  }
  const snapshots = await readSnapshots(entry.segments, deps.projections, deps.now());
  const evaluated = await evaluateSnapshots(snapshots, deps);
  alerts.spiked.push(...evaluated.spiked);
  alerts.recovered.push(...evaluated.recovered);
  const all = snapshots.find((snapshot) => snapshot.segment === 'all');
  if (all) deps.onAllSegmentNps?.(aggregateOf(all.segment, all.last30.from, all.last30.to, all.last30.scores).nps);
  return [
    ...(await chunkEvents({ entry, snapshots, responses: deps.responses })),
    ...(await atRiskEvents({ entry, responses: deps.responses, sources: deps.atRisk })),
  ];
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

/**
 * Publishes a batch of outbox records to EventBridge. Every detail is validated against
 * its schema; `metadata.id` is derived from the outbox entry, so a redelivered record
 * republishes the same ids. Reports the first record with an unpublished event.
 *
 * @example
 * const result = await publishBatch(records, deps);
 * if (result.failedAt) return { batchItemFailures: [{ itemIdentifier: result.failedAt }] };
 */
export const publishBatch = async (records: OutboxRecord[], deps: PublisherDependencies): Promise<PublishResult> => {
  const entries: Entry[] = [];
  const alerts: AlertOutcome = { spiked: [], recovered: [] };
  let stopped: { at: number; error: unknown } | undefined;
  for (const [index, { entry }] of records.entries()) {
    try {
      for (const event of await entryEvents(entry, deps, alerts)) {
        const { type: DetailType, detail: Detail } = event;
        entries.push({
          record: index,
          Source: deps.source,
          DetailType,
          Detail,
          EventBusName: deps.eventBusName,
          Time: new Date(entry.occurredAt),
        });
      }
    } catch (error) {
      stopped = { at: index, error };
      break;
    }
  }
  const published = await publishUpTo(entries, deps);
  const failedRecord = published.failedRecord ?? stopped?.at;
  if (failedRecord === undefined) return { published: published.count, alerts };
  const error =
    published.failedRecord !== undefined
      ? new DependencyUnavailableError('EventBridge did not accept every event after retries')
      : stopped?.error;
  return { failedAt: records[failedRecord]!.sequenceNumber, error, published: published.count, alerts };
};
