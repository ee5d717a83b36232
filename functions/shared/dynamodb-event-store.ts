import { randomUUID } from 'node:crypto';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { parseStoredEvent, type StoredEvent } from '../../domain/events';
import { foldResponse, type NewEvent } from '../../domain/response';
import { EVENTS_TABLE } from '../../infra/tables';
import { mapLimited } from './concurrency';
import { batchGetAll, guardDependency, queryAll, scanPages, type TransactItem, writeAtomically } from './dynamodb';
import type { EventLog, EventStore, ResponseStream } from './event-store';
import {
  analysisUpdate,
  forgetErasedDelete,
  PERSON_KEY,
  personalDataOf,
  personalDataWrites,
  submissionItem,
} from './personal-data-items';

const STREAM_ID = EVENTS_TABLE.partitionKey.name;
const VERSION = EVENTS_TABLE.sortKey.name;
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
export const createDynamoDbEventStore = ({
  client,
  eventsTable,
  personalDataTable,
}: DynamoDbEventStoreOptions): EventStore => {
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

  const readEventsAt: EventStore['readEventsAt'] = async (positions) => {
    const keys = [
      ...new Map(
        positions.map((p) => [`${p.version}|${p.responseId}`, { [STREAM_ID]: p.responseId, [VERSION]: p.version }]),
      ).values(),
    ];
    return (await batchGetAll(client, { table: eventsTable, keys, consistentRead: true })).map(eventOf);
  };

  const readPersonalDataItem = async (responseId: string) =>
    (
      await guardDependency(() =>
        client.send(
          new GetCommand({ TableName: personalDataTable, Key: { [PERSON_KEY]: responseId }, ConsistentRead: true }),
        ),
      )
    ).Item;

  const load = async (responseId: string): Promise<ResponseStream | undefined> => {
    const [events, item] = await Promise.all([readEvents(responseId), readPersonalDataItem(responseId)]);
    const state = foldResponse(events);
    if (!state) return undefined;
    const personalData = personalDataOf(item);
    return { events, state, ...(personalData ? { personalData } : {}) };
  };

  /**
   * True when version 1 of a stream was written by the write with this id (the SDK retried a write that had landed).
   */
  const isOwnWrite = async (responseId: string, writeId: string): Promise<boolean> => {
    const key = { [STREAM_ID]: responseId, [VERSION]: 1 };
    const read = await guardDependency(() =>
      client.send(new GetCommand({ TableName: eventsTable, Key: key, ConsistentRead: true })),
    );
    return read.Item?.[WRITE_ID] === writeId;
  };

  const submit: EventStore['submit'] = async (submission, recordedAt, analysis) => {
    const { responseId, score, submittedAt, segments, comment, respondentId, language } = submission;
    const data = {
      score,
      submittedAt,
      segments,
      hasComment: comment !== undefined,
      hasRespondentId: respondentId !== undefined,
      ...(language ? { language } : {}),
    };
    const writeId = randomUUID();
    const items = [
      putEvent({
        ...eventItem(responseId, 1, { type: 'ResponseSubmitted', schemaVersion: 1, data }, recordedAt),
        [WRITE_ID]: writeId,
      }),
    ];
    const personal = submissionItem(responseId, { comment, respondentId, analysis });
    if (personal) items.push({ Put: { TableName: personalDataTable, Item: personal } });
    if ((await writeAtomically(client, items)).written) return 'appended';
    return (await isOwnWrite(responseId, writeId)) ? 'appended' : 'stream-exists';
  };

  const append: EventStore['append'] = async ({ responseId, expectedVersion, event, recordedAt, personalData }) => {
    const version = expectedVersion + 1;
    const items = [
      putEvent(eventItem(responseId, version, event, recordedAt)),
      ...personalDataWrites(personalDataTable, { responseId, version, change: personalData, recordedAt }),
    ];
    return (await writeAtomically(client, items)).written ? 'appended' : 'version-conflict';
  };

  const readPersonalData: EventStore['readPersonalData'] = async (responseIds) => {
    const keys = [...new Set(responseIds)].map((id) => ({ [PERSON_KEY]: id }));
    const items = await batchGetAll(client, { table: personalDataTable, keys, consistentRead: true });
    return new Map(items.map((item) => [String(item[PERSON_KEY]), personalDataOf(item)!]));
  };

  /** Sends a conditional write; a failed condition means there was nothing to do. */
  const sendUnlessConditionFails = (command: DeleteCommand | UpdateCommand) =>
    guardDependency(async () => {
      try {
        await client.send(command);
      } catch (error) {
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      }
    });

  const forgetErased: EventStore['forgetErased'] = async (responseIds) => {
    await mapLimited([...new Set(responseIds)], 16, (responseId) =>
      sendUnlessConditionFails(new DeleteCommand({ TableName: personalDataTable, ...forgetErasedDelete(responseId) })),
    );
  };

  const storeAnalyses: EventStore['storeAnalyses'] = async (updates) => {
    await mapLimited(updates, 16, (update) =>
      sendUnlessConditionFails(new UpdateCommand({ TableName: personalDataTable, ...analysisUpdate(update) })),
    );
  };

  return { submit, load, append, readEvents, readEventsAt, readPersonalData, storeAnalyses, forgetErased };
};

/**
 * Reads the event store by a parallel, consistent scan, one segment at a time, page by
 * page (a rebuild worker holds one page in memory), resuming after a position.
 *
 * @example
 * for await (const page of createDynamoDbEventLog({ client, eventsTable }).scanSegment({ segment: 0, segments: 4 }))
 * count += page.length;
 */
export const createDynamoDbEventLog = ({
  client,
  eventsTable,
}: {
  client: DynamoDBDocumentClient;
  eventsTable: string;
}): EventLog => ({
  async *scanSegment({ segment, segments, after }) {
    const start = after ? { ExclusiveStartKey: { [STREAM_ID]: after.responseId, [VERSION]: after.version } } : {};
    const input = { TableName: eventsTable, ConsistentRead: true, Segment: segment, TotalSegments: segments, ...start };
    for await (const items of scanPages(client, input)) yield items.map(eventOf);
  },
});
