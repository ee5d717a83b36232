import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { CorruptEventError } from '../../domain/errors';
import { erasureEvent } from '../../domain/response';
import { parseSubmission, type Submission } from '../../domain/submission';
import { mapLimited } from '../../functions/shared/concurrency';
import { createDocumentClient } from '../../functions/shared/dynamodb';
import { createDynamoDbEventStore } from '../../functions/shared/dynamodb-event-store';
import { recordSubmission } from '../../functions/shared/response-commands';
import type { TableNames } from '../../infra/tables';
import { TEST_NOW } from '../support/arbitraries';
import { scanAll } from '../support/items';
import { createTestTables, dynamoDbEndpoint } from '../support/stack';

let tables: TableNames;
let store: ReturnType<typeof createDynamoDbEventStore>;
const client = () => createDocumentClient({ endpoint: dynamoDbEndpoint() });
const at = new Date(TEST_NOW).toISOString();

const submission = (body: Record<string, unknown>): Submission => {
  const parsed = parseSubmission(
    { score: 9, submittedAt: '2026-11-20T10:15:00Z', segments: { region: 'eu' }, ...body },
    TEST_NOW,
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
};

/** The store behind the ingest command: a refused submit is classified from what the stream holds. */
const submit = (s: Submission, recordedAt: string) => recordSubmission(store, s, { at: recordedAt });

beforeAll(async () => {
  tables = await createTestTables();
  store = createDynamoDbEventStore({
    client: client(),
    eventsTable: tables.events,
    personalDataTable: tables.personalData,
  });
});

describe('DynamoDB event store', () => {
  it('accepts a submission once, then tells a re-send from a conflict', async () => {
    const s = submission({ responseId: 'es-1', comment: 'hello', respondentId: 'c-1' });
    expect(await submit(s, at)).toBe('accepted');
    expect(await submit(s, at)).toBe('duplicate');
    expect(await submit({ ...s, comment: 'hello!' }, at)).toBe('conflict');
    expect(await submit({ ...s, respondentId: undefined }, at)).toBe('conflict');
    expect(await submit({ ...s, score: 3 }, at)).toBe('conflict');
    const stream = await store.load('es-1');
    expect(stream?.events).toHaveLength(1);
    expect(stream?.personalData).toEqual({ respondentId: 'c-1', comments: { 1: 'hello' }, analyses: {} });
  });

  it('keeps exactly one event when 30 writers race for one id with two different bodies', async () => {
    const a = submission({ responseId: 'es-race', score: 10 });
    const b = submission({ responseId: 'es-race', score: 2, comment: 'with personal data' });
    const bodies = Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b));
    const outcomes = await Promise.all(bodies.map((body) => submit(body, at)));
    const stream = await store.load('es-race');
    expect(stream?.events).toHaveLength(1);
    const winner = stream!.state.score === 10 ? a : b;
    const expected = bodies.map((body) => (body === winner ? 'duplicate' : 'conflict') as string);
    expected[outcomes.indexOf('accepted')] = 'accepted';
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(1);
    expect(outcomes).toEqual(expected);
  });

  it('appends with optimistic concurrency: a stale version loses', async () => {
    await submit(submission({ responseId: 'es-occ' }), at);
    const amend = {
      type: 'ResponseAmended',
      schemaVersion: 1,
      data: { score: 4, commentAmended: false, amendedAt: at },
    } as const;
    const results = await Promise.all(
      [1, 2, 3].map(() => store.append({ responseId: 'es-occ', expectedVersion: 1, event: amend, recordedAt: at })),
    );
    expect(results.filter((r) => r === 'appended')).toHaveLength(1);
    expect((await store.load('es-occ'))?.events.map((e) => e.version)).toEqual([1, 2]);
  });

  it('reads events by position in batches: the ones that exist, each once, past 100 keys a call', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => `es-at-${i}`);
    // 120 connections at once outlast a busy machine's connect timeout
    await mapLimited(ids, 8, (responseId) => submit(submission({ responseId }), at));
    const amend = {
      type: 'ResponseAmended',
      schemaVersion: 1,
      data: { score: 4, commentAmended: false, amendedAt: at },
    } as const;
    await store.append({ responseId: 'es-at-7', expectedVersion: 1, event: amend, recordedAt: at });
    const positions = [
      ...ids.map((responseId) => ({ responseId, version: 1 })),
      { responseId: 'es-at-7', version: 2 },
      { responseId: 'es-at-7', version: 2 }, // asked twice, read once
      { responseId: 'es-at-8', version: 2 }, // no such version
      { responseId: 'es-at-none', version: 1 }, // no such stream
    ];
    const read = await store.readEventsAt(positions);
    expect(read.map((e) => `${e.responseId}@${e.version}`).sort()).toEqual(
      [...ids.map((id) => `${id}@1`), 'es-at-7@2'].sort(),
    );
    expect(read.find((e) => e.responseId === 'es-at-7' && e.version === 2)?.type).toBe('ResponseAmended');
  });

  it('refuses to use an event that does not match its schema', async () => {
    await client().send(
      new PutCommand({
        TableName: tables.events,
        Item: {
          streamId: 'es-corrupt',
          version: 1,
          type: 'ResponseSubmitted',
          schemaVersion: 1,
          data: { score: 42 },
          recordedAt: at,
        },
      }),
    );
    await expect(store.load('es-corrupt')).rejects.toBeInstanceOf(CorruptEventError);
  });

  it('erasure deletes the personal data in the same write as the event', async () => {
    await submit(submission({ responseId: 'es-erase', comment: 'call me', respondentId: 'cust-secret' }), at);
    await store.append({
      responseId: 'es-erase',
      expectedVersion: 1,
      event: { type: 'ResponseAmended', schemaVersion: 1, data: { commentAmended: true, amendedAt: at } },
      recordedAt: at,
      personalData: { comment: 'call me later' },
    });
    expect((await store.load('es-erase'))?.personalData?.comments).toEqual({ 1: 'call me', 2: 'call me later' });
    expect(
      await store.append({
        responseId: 'es-erase',
        expectedVersion: 2,
        event: erasureEvent(at),
        recordedAt: at,
        personalData: 'erase',
      }),
    ).toBe('appended');
    const stream = await store.load('es-erase');
    expect(stream?.state.status).toBe('erased');
    expect(stream?.personalData).toBeUndefined();
    expect(await submit(submission({ responseId: 'es-erase' }), at)).toBe('erased');
    const everything = JSON.stringify([
      ...(await scanAll(dynamoDbEndpoint(), tables.events)),
      ...(await scanAll(dynamoDbEndpoint(), tables.personalData)),
    ]);
    expect(everything).not.toContain('call me');
    expect(everything).not.toContain('cust-secret');
  });
});
