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
  responses: Pick<EventStore, 'readEventsAt' | 'readPersonalData'>;
  publishOptions?: PublishOptions;
  /** Respondent views and the risk threshold, for `RespondentAtRisk` (none published without them). */
  atRisk?: AtRiskSources;
  /** Called with the last-30-days NPS of `all` when an update for it is published (the dashboard metric). */
  onAllSegmentNps?: (nps: number | null) => void;
  /**
   * False once the invocation should start no further record (time running short); the first record is always taken.
   */
  keepGoing?: () => boolean;
}

/**
 * Why a batch stopped before its end when the invocation ran short of time: not a failure;
 * the records from there come again in the next invocation.
 */
export const OUT_OF_TIME = new Error('the invocation ran short of time; the rest of the batch comes again');

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
const entryEvents = async (
  entry: OutboxEntry,
  deps: PublisherDependencies,
  alerts: AlertOutcome,
): Promise<PublishableEvent[]> => {
  if (entry.kind === 'alert') {
    return [
      {
        type: entry.detailType,
        detail: publishedDetail({
          type: entry.detailType,
          id: entry.id,
          occurredAt: entry.occurredAt,
          data: entry.data,
        }),
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

type Entry = PutEventsRequestEntry & { record: number };

/** The PutEvents entries of one outbox entry's events, tagged with the record's index. */
const putEntriesOf = (
  events: PublishableEvent[],
  entry: OutboxEntry,
  record: number,
  deps: PublisherDependencies,
): Entry[] =>
  events.map(({ type, detail }) => ({
    record,
    Source: deps.source,
    DetailType: type,
    Detail: detail,
    EventBusName: deps.eventBusName,
    Time: new Date(entry.occurredAt),
  }));

/** Sends entries; answers how many went out and the first record with a failed entry. */
const send = async (entries: Entry[], deps: PublisherDependencies) => {
  if (!entries.length) return { count: 0, failedRecord: undefined };
  const plain = entries.map(({ record: _, ...entry }) => entry);
  const report = await publishEntries(deps.eventBridge, plain, deps.publishOptions);
  const failed = new Set(report.failed);
  const failedRecords = plain.flatMap((entry, i) => (failed.has(entry) ? [entries[i]!.record] : []));
  return {
    count: entries.length - report.failed.length,
    failedRecord: failedRecords.length ? Math.min(...failedRecords) : undefined,
  };
};

/** True before a record other than the first when the invocation should stop there. */
const outOfTime = (index: number, deps: Pick<PublisherDependencies, 'keepGoing'>) =>
  index > 0 && deps.keepGoing?.() === false;

/**
 * Events held before they are sent: enough to fill PutEvents calls across small records, few enough to bound memory.
 */
export const EVENTS_PER_SEND = 500;

/**
 * Publishes a batch of outbox records to EventBridge, in order, sending as soon as
 * `eventsPerSend` events are built: the memory it takes is bounded by that (and one
 * record's events, a chunk of up to 1,000 responses), not by a batch's (100 chunks after
 * a backlog), while small records still share calls. Every detail is validated against
 * its schema; `metadata.id` is derived from the outbox entry, so a redelivered record
 * republishes the same ids. Stops after the first send with a record whose events are
 * not all out and reports that record; a refusal that retrying cannot cure (access
 * denied) fails the invocation. When `keepGoing` says no, it stops before the next record
 * and reports it (`OUT_OF_TIME`): a batch of import-sized records (hundreds of events each)
 * that outlasts the function's timeout would otherwise be published again from its start
 * on every retry, the same ids over and over, until the mapping gives it up.
 *
 * @example
 * const result = await publishBatch(records, deps);
 * if (result.failedAt) return { batchItemFailures: [{ itemIdentifier: result.failedAt }] };
 */
export const publishBatch = async (
  records: OutboxRecord[],
  deps: PublisherDependencies,
  eventsPerSend = EVENTS_PER_SEND,
) => {
  const alerts: AlertOutcome = { spiked: [], recovered: [] };
  let published = 0;
  let pending: Entry[] = [];
  const flush = async () => {
    const sent = await send(pending, deps);
    published += sent.count;
    pending = [];
    return sent.failedRecord;
  };
  const failure = (record: number, error: unknown): PublishResult => ({
    failedAt: records[record]!.sequenceNumber,
    error,
    published,
    alerts,
  });
  /** Sends what is held; answers the failure to report (the first unsent record's, else `otherwise`'s), if any. */
  const flushOrStop = async (otherwise?: { index: number; error: unknown }) => {
    const failedRecord = await flush();
    if (failedRecord !== undefined)
      return failure(
        failedRecord,
        new DependencyUnavailableError('EventBridge did not accept every event after retries'),
      );
    return otherwise && failure(otherwise.index, otherwise.error);
  };
  for (const [index, { entry }] of records.entries()) {
    if (outOfTime(index, deps)) return (await flushOrStop({ index, error: OUT_OF_TIME }))!;
    let events: PublishableEvent[];
    try {
      events = await entryEvents(entry, deps, alerts);
    } catch (error) {
      return (await flushOrStop({ index, error }))!;
    }
    pending.push(...putEntriesOf(events, entry, index, deps));
    const stopped = pending.length >= eventsPerSend ? await flushOrStop() : undefined;
    if (stopped) return stopped;
  }
  return (await flushOrStop()) ?? { published, alerts };
};
