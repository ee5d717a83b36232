import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../domain/analysis/analyze';
import { erasureSummaries, summaryAt } from '../../domain/personal-data';
import { erasureEvent } from '../../domain/response';
import { parseSubmission } from '../../domain/submission';
import { createDocumentClient } from '../../functions/shared/dynamodb';
import { createDynamoDbEventStore } from '../../functions/shared/dynamodb-event-store';
import { recordSubmission } from '../../functions/shared/response-commands';
import type { TableNames } from '../../infra/tables';
import { TEST_NOW } from '../support/arbitraries';
import { scanAll } from '../support/items';
import { createTestTables, dynamoDbEndpoint } from '../support/stack';

let tables: TableNames;
let store: ReturnType<typeof createDynamoDbEventStore>;
const analyze = createAnalyzer();
// recorded now: the remnant's expiry (two days on) must not have passed, or DynamoDB Local's TTL may delete it mid-test
const at = new Date().toISOString();

beforeAll(async () => {
  tables = await createTestTables();
  store = createDynamoDbEventStore({
    client: createDocumentClient({ endpoint: dynamoDbEndpoint() }),
    eventsTable: tables.events,
    personalDataTable: tables.personalData,
  });
});

const submitWithComment = async (responseId: string, comment: string) => {
  const parsed = parseSubmission(
    { responseId, score: 2, submittedAt: '2026-11-20T10:15:00Z', comment, respondentId: 'cust-secret' },
    TEST_NOW,
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  expect(await recordSubmission(store, parsed.value, { at, analysis: analyze(comment) })).toBe('accepted');
};

describe('analyses in the personal data, and what an erasure leaves', () => {
  it('keeps each comment’s analysis beside it', async () => {
    await submitWithComment('pd-1', 'Far too expensive and rude staff');
    const data = (await store.load('pd-1'))!.personalData!;
    expect(data.analyses[1]!.themes.map((t) => t.theme).sort()).toEqual(['price', 'service']);
  });

  it('leaves only the summaries (no text, no respondentId, an expiry) until the projector forgets them', async () => {
    await submitWithComment('pd-2', 'Livraison en retard, aucune information');
    const before = (await store.load('pd-2'))!;
    const summaries = erasureSummaries(before.personalData, analyze);
    expect(
      await store.append({
        responseId: 'pd-2',
        expectedVersion: 1,
        event: erasureEvent(at),
        recordedAt: at,
        personalData: { erase: summaries },
      }),
    ).toBe('appended');
    const [remnant] = (await scanAll(dynamoDbEndpoint(), tables.personalData)).filter(
      (item) => item.responseId === 'pd-2',
    );
    expect(Object.keys(remnant!).sort()).toEqual(['erasedAt', 'expiresAt', 'responseId', 'summary_v1']);
    expect(JSON.stringify(remnant)).not.toMatch(/Livraison|information|cust-secret/);
    const after = (await store.load('pd-2'))!;
    expect(after.personalData?.comments).toEqual({});
    expect(summaryAt(after.personalData!, 1, analyze)).toEqual(summaries[1]);

    await store.forgetErased(['pd-2', 'pd-1', 'pd-unknown']);
    const left = (await scanAll(dynamoDbEndpoint(), tables.personalData)).map((item) => item.responseId);
    expect(left).not.toContain('pd-2');
    expect(left).toContain('pd-1'); // not erased: never deleted by forgetErased
  });

  it('stores a re-analysis only while the comment exists', async () => {
    await submitWithComment('pd-3', 'Great support');
    const analysis = { ...analyze('Great support'), analyzer: 'nps-analyzer/test' };
    await store.storeAnalyses([
      { responseId: 'pd-3', version: 1, analysis },
      { responseId: 'pd-2', version: 1, analysis },
    ]);
    expect((await store.load('pd-3'))!.personalData!.analyses[1]!.analyzer).toBe('nps-analyzer/test');
    const resurrected = (await scanAll(dynamoDbEndpoint(), tables.personalData)).filter(
      (item) => item.responseId === 'pd-2',
    );
    expect(resurrected).toEqual([]);
  });
});
