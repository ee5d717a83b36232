import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { parseStoredEvent, type StoredEvent } from '../../domain/events';
import type { PersonalData } from '../../domain/personal-data';
import { foldResponse, type NewEvent } from '../../domain/response';
import { EVENTS_TABLE, PERSONAL_DATA_TABLE } from '../../infra/tables';
import { batchGetAll, guardDependency, queryAll, scanPages, type TransactItem, writeAtomically } from './dynamodb';
import type { EventLog, EventStore, PersonalDataChange, ResponseStream } from './event-store';

const STREAM_ID = EVENTS_TABLE.partitionKey.name;
const VERSION = EVENTS_TABLE.sortKey.name;
const PERSON_KEY = PERSONAL_DATA_TABLE.partitionKey.name;
const COMMENT_PREFIX = 'comment_v';
/**
 * Id of the write that put a submission (an attribute of the item, not of the event): when
 * a put times out and the SDK retries it, the retry fails its condition on the first
 * attempt's item, and this tells that apart from a client's re-send.
 */
const WRITE_ID = 'writeId';

export interface DynamoDbEventStoreOptions {
  client: DynamoDBDocumentClient;
  eventsTable: string;
  personalDataTable: string;
}

const personalDataItemSchema = z.looseObject({ respondentId: z.string().optional() });

/** The personal data item of a response: `respondentId` and one `comment_v<version>` attribute per comment. */
const personalDataOf = (item: Record<string, unknown> | undefined): PersonalData | undefined => {
  if (!item) return undefined;
  const { respondentId } = personalDataItemSchema.parse(item);
  const comments: Record<number, string> = {};
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith(COMMENT_PREFIX)) comments[Number(name.slice(COMMENT_PREFIX.length))] = z.string().parse(value);
  }
  return { ...(respondentId !== undefined ? { respondentId } : {}), comments };
};

const eventOf = (item: Record<string, unknown>): StoredEvent =>
  parseStoredEvent({ ...item, responseId: item[STREAM_ID], version: item[VERSION] });

const eventItem = (responseId: string, version: number, event: NewEvent, recordedAt: string) => ({
  [STREAM_ID]: responseId,
  [VERSION]: version,
  type: event.type,
  schemaVersion: event.schemaVersion,
  data: event.data,
  recordedAt,
});

/** The writes an append makes to the personal-data item: a new comment, or deleting it all (erasure). */
const personalDataWrites = (
  table: string,
  { responseId, version, change }: { responseId: string; version: number; change: PersonalDataChange },
) => {
  if (change === undefined) return [];
  if (change === 'erase') return [{ Delete: { TableName: table, Key: { [PERSON_KEY]: responseId } } }];
  return [
    {
      Update: {
        TableName: table,
        Key: { [PERSON_KEY]: responseId },
        UpdateExpression: 'SET #comment = :comment',
        ExpressionAttributeNames: { '#comment': `${COMMENT_PREFIX}${version}` },
        ExpressionAttributeValues: { ':comment': change.comment },
      },
    },
  ];
};

/**
 * The event store on DynamoDB. Each event is its own item (`streamId`, `version`), put
 * with `attribute_not_exists` so that two writers can never both append a version.
 * Personal data lives in a separate table, written in the same transaction as the event
 * that carries it and deleted in the same transaction as the erasure.
 *
 * @example
 * const store = createDynamoDbEventStore({ client, eventsTable: 'Events', personalDataTable: 'PersonalData' });
 * await store.submit(submission, new Date().toISOString()); // 'appended' | 'stream-exists'
 */
export const createDynamoDbEventStore = ({ client, eventsTable, personalDataTable }: DynamoDbEventStoreOptions): EventStore => {
  const putEvent = (item: Record<string, unknown>): TransactItem => ({
    Put: {
      TableName: eventsTable,
      Item: item,
      ConditionExpression: 'attribute_not_exists(#version)',
      ExpressionAttributeNames: { '#version': VERSION },
    },
  });

  const readEvents = async (responseId: string): Promise<StoredEvent[]> =>
    (
      await queryAll(client, {
        TableName: eventsTable,
        ConsistentRead: true,
        KeyConditionExpression: '#id = :id',
        ExpressionAttributeNames: { '#id': STREAM_ID },
        ExpressionAttributeValues: { ':id': responseId },
      })
    ).map(eventOf);

  const readPersonalDataItem = async (responseId: string) =>
    (
      await guardDependency(() =>
        client.send(new GetCommand({ TableName: personalDataTable, Key: { [PERSON_KEY]: responseId }, ConsistentRead: true })),
      )
    ).Item;

  const load = async (responseId: string): Promise<ResponseStream | undefined> => {
    const [events, item] = await Promise.all([readEvents(responseId), readPersonalDataItem(responseId)]);
    const state = foldResponse(events);
    if (!state) return undefined;
    const personalData = personalDataOf(item);
    return { events, state, ...(personalData ? { personalData } : {}) };
  };

  /** True when version 1 of a stream was written by the write with this id (the SDK retried a write that had landed). */
  const isOwnWrite = async (responseId: string, writeId: string): Promise<boolean> => {
    const key = { [STREAM_ID]: responseId, [VERSION]: 1 };
    const read = await guardDependency(() => client.send(new GetCommand({ TableName: eventsTable, Key: key, ConsistentRead: true })));
    return read.Item?.[WRITE_ID] === writeId;
  };

  const submit: EventStore['submit'] = async (submission, recordedAt) => {
    const { responseId, score, submittedAt, segments, comment, respondentId } = submission;
    const data = { score, submittedAt, segments, hasComment: comment !== undefined, hasRespondentId: respondentId !== undefined };
    const writeId = randomUUID();
    const items = [
      putEvent({ ...eventItem(responseId, 1, { type: 'ResponseSubmitted', schemaVersion: 1, data }, recordedAt), [WRITE_ID]: writeId }),
    ];
    if (comment !== undefined || respondentId !== undefined) {
      const personal = { [PERSON_KEY]: responseId, respondentId, ...(comment !== undefined ? { [`${COMMENT_PREFIX}1`]: comment } : {}) };
      items.push({ Put: { TableName: personalDataTable, Item: personal } });
    }
    if ((await writeAtomically(client, items)).written) return 'appended';
    return (await isOwnWrite(responseId, writeId)) ? 'appended' : 'stream-exists';
  };

  const append: EventStore['append'] = async ({ responseId, expectedVersion, event, recordedAt, personalData }) => {
    const version = expectedVersion + 1;
    const items = [
      putEvent(eventItem(responseId, version, event, recordedAt)),
      ...personalDataWrites(personalDataTable, { responseId, version, change: personalData }),
    ];
    return (await writeAtomically(client, items)).written ? 'appended' : 'version-conflict';
  };

  const readEventsByRef: EventStore['readEventsByRef'] = async (refs) => {
    const keys = refs.map(({ responseId, version }) => ({ [STREAM_ID]: responseId, [VERSION]: version }));
    return (await batchGetAll(client, { table: eventsTable, keys, consistentRead: true })).map(eventOf);
  };

  const readPersonalData: EventStore['readPersonalData'] = async (responseIds) => {
    const keys = [...new Set(responseIds)].map((id) => ({ [PERSON_KEY]: id }));
    const items = await batchGetAll(client, { table: personalDataTable, keys, consistentRead: true });
    return new Map(items.map((item) => [String(item[PERSON_KEY]), personalDataOf(item)!]));
  };

  return { submit, load, append, readEvents, readEventsByRef, readPersonalData };
};

/**
 * Reads the whole event store with a parallel, consistent scan of `segments` segments,
 * yielding validated events a round of pages at a time (for rebuilds).
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
    const cursors = Array.from({ length: segments }, (_, segment) =>
      scanPages(client, { TableName: eventsTable, ConsistentRead: true, Segment: segment, TotalSegments: segments })[
        Symbol.asyncIterator
      ](),
    );
    let open = cursors;
    while (open.length) {
      const pages = await Promise.all(open.map((cursor) => cursor.next()));
      open = open.filter((_, i) => !pages[i]!.done);
      yield pages.flatMap((page) => (page.done ? [] : page.value.map(eventOf)));
    }
  },
});
