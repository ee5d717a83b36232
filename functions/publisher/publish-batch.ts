import type { EventBridgeClient, PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { aggregateOf } from '../../domain/nps';
import { type AlertDependencies, type AlertOutcome, evaluateSnapshots } from '../shared/alerts/evaluate';
import { readSnapshots } from '../shared/alerts/snapshots';
import { DependencyUnavailableError } from '../shared/errors';
import type { EventStore } from '../shared/event-store';
import type { OutboxEntry } from '../shared/outbox';
import { type AtRiskSources, atRiskEvents } from './at-risk-events';
import { chunkEvents, type PublishableEvent, publishedDetail } from './chunk-events';
import { type PublishOptions, PublishRefusedError, publishEntries } from './put-events';

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

/** The PutEvents entries of one outbox entry's events. */
const putEntriesOf = (events: PublishableEvent[], entry: OutboxEntry, deps: PublisherDependencies): PutEventsRequestEntry[] =>
  events.map(({ type, detail }) => ({
    Source: deps.source,
    DetailType: type,
    Detail: detail,
    EventBusName: deps.eventBusName,
    Time: new Date(entry.occurredAt),
  }));

/**
 * Publishes a batch of outbox records to EventBridge, one record after the other: a
 * record's events are built, sent, and let go before the next record's are built, so
 * the memory it takes is one record's events (a chunk of up to 1,000 responses), not a
 * batch's (100 of them after a backlog). Every detail is validated against its schema;
 * `metadata.id` is derived from the outbox entry, so a redelivered record republishes
 * the same ids. Stops at the first record whose events are not all out and reports it;
 * a refusal that retrying cannot cure (access denied) fails the invocation as before.
 *
 * @example
 * const result = await publishBatch(records, deps);
 * if (result.failedAt) return { batchItemFailures: [{ itemIdentifier: result.failedAt }] };
 */
export const publishBatch = async (records: OutboxRecord[], deps: PublisherDependencies): Promise<PublishResult> => {
  const alerts: AlertOutcome = { spiked: [], recovered: [] };
  let published = 0;
  for (const { sequenceNumber, entry } of records) {
    try {
      const entries = putEntriesOf(await entryEvents(entry, deps, alerts), entry, deps);
      const report = entries.length ? await publishEntries(deps.eventBridge, entries, deps.publishOptions) : { failed: [] };
      published += entries.length - report.failed.length;
      if (report.failed.length)
        return {
          failedAt: sequenceNumber,
          error: new DependencyUnavailableError('EventBridge did not accept every event after retries'),
          published,
          alerts,
        };
    } catch (error) {
      if (error instanceof PublishRefusedError) throw error; // a misconfiguration: the invocation fails (and alarms)
      return { failedAt: sequenceNumber, error, published, alerts };
    }
  }
  return { published, alerts };
};
