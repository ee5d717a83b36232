import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { parseStoredEvent, type StoredEvent } from '../../domain/events';
import { foldResponse, type NewEvent } from '../../domain/response';
import { isSameSubmission, type Submission } from '../../domain/submission';
import { EVENTS_TABLE, PERSONAL_DATA_TABLE } from '../../infra/tables';
import { guardDependency } from './dynamodb';
import { DependencyUnavailableError } from './errors';
import type { EventLog, EventStore, PersonalData, PersonalDataChange, ResponseStream, SubmitOutcome } from './event-store';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const STREAM_ID = EVENTS_TABLE.partitionKey.name;
const VERSION = EVENTS_TABLE.sortKey.name;
const PERSON_KEY = PERSONAL_DATA_TABLE.partitionKey.name;
const COMMENT_PREFIX = 'comment_v';
/** Transactions touching one response rarely collide; a few quick retries settle it. */
const TRANSACTION_CONFLICT_RETRIES = 4;

export interface DynamoDbEventStoreOptions {
  client: DynamoDBDocumentClient;
  eventsTable: string;
  personalDataTable: string;
}

const personalDataFromItem = (item: Record<string, unknown> | undefined): PersonalData | undefined => {
  if (!item) return undefined;
  const comments: Record<number, string> = {};
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith(COMMENT_PREFIX) && typeof value === 'string') comments[Number(name.slice(COMMENT_PREFIX.length))] = value;
  }
  return { ...(typeof item.respondentId === 'string' ? { respondentId: item.respondentId } : {}), comments };
};

/** The submission a stream's first event and the personal data record describe. */
const submissionOf = (events: StoredEvent[], personalData: PersonalData | undefined): Submission | undefined => {
  const first = events[0];
  if (first?.type !== 'ResponseSubmitted') return undefined;
  const comment = personalData?.comments[1];
  return {
    responseId: first.responseId,
    score: first.data.score,
    submittedAt: first.data.submittedAt,
    segments: first.data.segments,
    ...(comment !== undefined ? { comment } : {}),
    ...(personalData?.respondentId !== undefined ? { respondentId: personalData.respondentId } : {}),
  };
};

const cancellationCodes = (error: unknown): string[] =>
  ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');

/** True when a write failed only because its condition did not hold (the stream moved on). */
const isConditionFailure = (error: unknown): boolean =>
  error instanceof Error &&
  (error.name === 'ConditionalCheckFailedException' ||
    (error.name === 'TransactionCanceledException' && cancellationCodes(error).includes('ConditionalCheckFailed')));

const isTransactionConflict = (error: unknown): boolean =>
  error instanceof Error && error.name === 'TransactionCanceledException' && cancellationCodes(error).includes('TransactionConflict');

/**
 * The event store on DynamoDB. Each event is its own item (`streamId`, `version`), put
 * with `attribute_not_exists` so that two writers can never both append a version.
 * Personal data lives in a separate table, written in the same transaction as the event
 * that carries it and deleted in the same transaction as the erasure.
 *
 * @example
 * const store = createDynamoDbEventStore({ client, eventsTable: 'Events', personalDataTable: 'PersonalData' });
 * await store.submit(submission, new Date().toISOString()); // 'accepted' | 'duplicate' | 'conflict' | 'erased'
 */
export const createDynamoDbEventStore = ({ client, eventsTable, personalDataTable }: DynamoDbEventStoreOptions): EventStore => {
  const eventItem = (responseId: string, version: number, event: NewEvent, recordedAt: string) => ({
    [STREAM_ID]: responseId,
    [VERSION]: version,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    recordedAt,
  });

  const putEvent = (item: Record<string, unknown>): TransactItem => ({
    Put: {
      TableName: eventsTable,
      Item: item,
      ConditionExpression: 'attribute_not_exists(#version)',
      ExpressionAttributeNames: { '#version': VERSION },
    },
  });

  /** Writes atomically; resolves false when the event's version already exists. */
  const write = async (items: TransactItem[]): Promise<boolean> => {
    for (let attempt = 0; ; attempt++) {
      try {
        if (items.length === 1 && items[0]!.Put) await guardDependency(() => client.send(new PutCommand(items[0]!.Put!)));
        else await guardDependency(() => client.send(new TransactWriteCommand({ TransactItems: items })));
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        if (!isTransactionConflict(error)) throw error;
        if (attempt >= TRANSACTION_CONFLICT_RETRIES)
          throw new DependencyUnavailableError('transaction conflict persisted', { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt * Math.random()));
      }
    }
  };

  const readEvents = async (responseId: string): Promise<StoredEvent[]> => {
    const events: StoredEvent[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await guardDependency(() =>
        client.send(
          new QueryCommand({
            TableName: eventsTable,
            ConsistentRead: true,
            ExclusiveStartKey,
            KeyConditionExpression: '#id = :id',
            ExpressionAttributeNames: { '#id': STREAM_ID },
            ExpressionAttributeValues: { ':id': responseId },
          }),
        ),
      );
      for (const item of page.Items ?? []) events.push(parseStoredEvent({ ...item, responseId: item[STREAM_ID], version: item[VERSION] }));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return events;
  };

  const readPersonalData = async (responseId: string): Promise<PersonalData | undefined> => {
    const result = await guardDependency(() =>
      client.send(new GetCommand({ TableName: personalDataTable, Key: { [PERSON_KEY]: responseId }, ConsistentRead: true })),
    );
    return personalDataFromItem(result.Item);
  };

  const load = async (responseId: string): Promise<ResponseStream | undefined> => {
    const [events, personalData] = await Promise.all([readEvents(responseId), readPersonalData(responseId)]);
    const state = foldResponse(events);
    if (!state) return undefined;
    return { events, state, ...(personalData ? { personalData } : {}) };
  };

  const classifyExisting = async (submission: Submission): Promise<SubmitOutcome> => {
    const stream = await load(submission.responseId);
    if (!stream) throw new Error(`${submission.responseId}: condition failed but the stream is empty`);
    if (stream.state.status === 'erased') return 'erased';
    const existing = submissionOf(stream.events, stream.personalData);
    return existing && isSameSubmission(existing, submission) ? 'duplicate' : 'conflict';
  };

  const submit = async (submission: Submission, recordedAt: string): Promise<SubmitOutcome> => {
    const { responseId, score, submittedAt, segments, comment, respondentId } = submission;
    const event: NewEvent = {
      type: 'ResponseSubmitted',
      schemaVersion: 1,
      data: { score, submittedAt, segments, hasComment: comment !== undefined, hasRespondentId: respondentId !== undefined },
    };
    const items = [putEvent(eventItem(responseId, 1, event, recordedAt))];
    if (comment !== undefined || respondentId !== undefined) {
      items.push({
        Put: {
          TableName: personalDataTable,
          Item: { [PERSON_KEY]: responseId, respondentId, ...(comment !== undefined ? { [`${COMMENT_PREFIX}1`]: comment } : {}) },
        },
      });
    }
    return (await write(items)) ? 'accepted' : classifyExisting(submission);
  };

  const personalDataItem = (responseId: string, version: number, change: PersonalDataChange): TransactItem[] => {
    if (change === undefined) return [];
    if (change === 'erase') return [{ Delete: { TableName: personalDataTable, Key: { [PERSON_KEY]: responseId } } }];
    return [
      {
        Update: {
          TableName: personalDataTable,
          Key: { [PERSON_KEY]: responseId },
          UpdateExpression: 'SET #comment = :comment',
          ExpressionAttributeNames: { '#comment': `${COMMENT_PREFIX}${version}` },
          ExpressionAttributeValues: { ':comment': change.comment },
        },
      },
    ];
  };

  const append: EventStore['append'] = async (responseId, expectedVersion, event, recordedAt, personalData) => {
    const version = expectedVersion + 1;
    const items = [putEvent(eventItem(responseId, version, event, recordedAt)), ...personalDataItem(responseId, version, personalData)];
    return (await write(items)) ? 'appended' : 'version-conflict';
  };

  /** Consistent `BatchGetItem` of any number of keys, unprocessed keys retried. */
  const batchGet = async (table: string, keys: Record<string, unknown>[]): Promise<Record<string, unknown>[]> => {
    const items: Record<string, unknown>[] = [];
    for (let i = 0; i < keys.length; i += 100) {
      let pending: Record<string, unknown>[] | undefined = keys.slice(i, i + 100);
      for (let attempt = 0; pending?.length; attempt++) {
        if (attempt) await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 20 * 2 ** attempt)));
        const batch: Record<string, unknown>[] = pending;
        const result = await guardDependency(() =>
          client.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: batch, ConsistentRead: true } } })),
        );
        items.push(...(result.Responses?.[table] ?? []));
        pending = result.UnprocessedKeys?.[table]?.Keys;
      }
    }
    return items;
  };

  const readEventsByRef: EventStore['readEventsByRef'] = async (refs) =>
    (
      await batchGet(
        eventsTable,
        refs.map(({ responseId, version }) => ({ [STREAM_ID]: responseId, [VERSION]: version })),
      )
    ).map((item) => parseStoredEvent({ ...item, responseId: item[STREAM_ID], version: item[VERSION] }));

  const readPersonalDataOf: EventStore['readPersonalData'] = async (responseIds) =>
    new Map(
      (
        await batchGet(
          personalDataTable,
          [...new Set(responseIds)].map((id) => ({ [PERSON_KEY]: id })),
        )
      ).map((item) => [String(item[PERSON_KEY]), personalDataFromItem(item)!]),
    );

  return { submit, load, append, readEvents, readEventsByRef, readPersonalData: readPersonalDataOf };
};

/**
 * Reads the whole event store with a parallel, consistent scan, yielding validated
 * events page by page (for rebuilds).
 *
 * @example
 * for await (const page of createDynamoDbEventLog({ client, eventsTable }).scan()) count += page.length;
 */
export const createDynamoDbEventLog = ({
  client,
  eventsTable,
  segments = 4,
}: {
  client: DynamoDBDocumentClient;
  eventsTable: string;
  segments?: number;
}): EventLog => ({
  async *scan() {
    const cursors: (Record<string, unknown> | undefined | 'done')[] = new Array(segments).fill(undefined);
    while (cursors.some((cursor) => cursor !== 'done')) {
      const pages = await Promise.all(
        cursors.map(async (cursor, segment) => {
          if (cursor === 'done') return [];
          const page = await guardDependency(() =>
            client.send(
              new ScanCommand({
                TableName: eventsTable,
                ConsistentRead: true,
                Segment: segment,
                TotalSegments: segments,
                ExclusiveStartKey: cursor,
              }),
            ),
          );
          cursors[segment] = page.LastEvaluatedKey ?? 'done';
          return (page.Items ?? []).map((item) => parseStoredEvent({ ...item, responseId: item[STREAM_ID], version: item[VERSION] }));
        }),
      );
      yield pages.flat();
    }
  },
});
