import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../domain/analysis/analyze';
import { type ProjectableRecord, projectBatch } from '../../functions/projection-engine/project-batch';
import { PROJECTIONS } from '../../functions/projections';
import { createDocumentClient } from '../../functions/shared/dynamodb';
import { createDynamoDbProjectionStore } from '../../functions/shared/dynamodb-projection-store';
import { expectedCounters, generateHistory, mismatches, shardRecords } from '../support/event-history';
import { byResponse, COMBINATIONS } from '../support/fault-harness';
import { historyEventSource } from '../support/history-events';
import { readCounters, readRespondents } from '../support/items';
import { seededRandom } from '../support/random';
import { respondentDifferences } from '../support/respondent-differences';
import { expectedAggregates, expectedViews } from '../support/respondent-reference';
import { createTestTables, dynamoDbEndpoint } from '../support/stack';

type Item = {
  ConditionCheck?: unknown;
  Put?: { Item: { pk: string } };
  Update?: { Key: { pk: string } };
  Delete?: { Key: { pk: string } };
};

/**
 * Whether a transaction holds only the group's guards and respondent views and aggregates: written ahead of its group.
 */
const writtenAhead = (items: Item[]) =>
  Boolean(items[0]?.ConditionCheck) &&
  items.every(
    (item) => item.ConditionCheck || /^ra?#/.test((item.Put?.Item ?? item.Update?.Key ?? item.Delete?.Key)!.pk),
  );

/**
 * Crashes transactions at random: before sending (nothing written) or after (written, the
 * answer lost), as a Lambda killed or timed out mid-group would; counts those written ahead.
 */
const crashing = (client: DynamoDBDocumentClient, random: () => number) => {
  const counts = { transactions: 0, ahead: 0, crashes: 0, crashesAfterAhead: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'TransactWriteItemsCommand') return next(args);
      const items = (args.input as { TransactItems: Item[] }).TransactItems;
      const [roll, ahead] = [random(), writtenAhead(items)];
      if (roll < 0.08) {
        counts.crashes++;
        throw new Error('injected crash before the transaction');
      }
      const result = await next(args);
      counts.transactions++;
      counts.ahead += Number(ahead);
      if (roll < 0.16) {
        counts.crashes++;
        counts.crashesAfterAhead += Number(ahead);
        throw new Error('injected crash after the transaction');
      }
      return result;
    },
    { step: 'initialize', name: 'crash-injection' },
  );
  return counts;
};

/** Projects records as Lambda would deliver them, from the first unapplied record again after each failure. */
const deliverUntilDone = async (records: ProjectableRecord[], deps: Parameters<typeof projectBatch>[1]) => {
  let rest = records;
  for (let delivery = 0; delivery < 500 && rest.length; delivery++) {
    const { failedAt } = await projectBatch(rest, deps);
    rest = failedAt ? rest.slice(rest.findIndex((r) => r.sequenceNumber === failedAt)) : [];
  }
  expect(rest).toEqual([]);
};

describe('respondent changes written ahead of their group (DynamoDB Local)', () => {
  it('applies each once despite crashes before and after every transaction, and not again on redelivery', async () => {
    const endpoint = dynamoDbEndpoint();
    // submissions over 60 days: one batch's respondent changes touch far more day and month items than a group reserves
    const history = generateHistory(3_000, seededRandom(31));
    const [records] = shardRecords(history, 1);
    const streams = byResponse(history);
    const events = historyEventSource(streams);
    const tables = await createTestTables();
    const projectionClient = createDocumentClient({ endpoint, timeoutMs: 10_000 });
    const counts = crashing(projectionClient, seededRandom(5));
    const projections = createDynamoDbProjectionStore({
      client: projectionClient,
      table: tables.projections,
      outboxTable: tables.outbox,
    });
    const deps = {
      store: projections,
      projections: PROJECTIONS,
      events,
      combinations: COMBINATIONS,
      analyzer: createAnalyzer(),
      now: Date.now,
    };
    for (let start = 0; start < records!.length; start += 400)
      await deliverUntilDone(records!.slice(start, start + 400), deps);
    // a late redelivery of everything: every group's marker is there, nothing is written twice
    await deliverUntilDone(records!, deps);

    const stored = history;
    const expected = { views: expectedViews(stored), aggregates: expectedAggregates(stored, COMBINATIONS) };
    expect(respondentDifferences(await readRespondents(endpoint, tables.projections), expected)).toEqual([]);
    expect(
      mismatches(await readCounters(endpoint, tables.projections), expectedCounters(stored, COMBINATIONS)),
    ).toEqual([]);
    console.log(
      `respondent changes written ahead: ${JSON.stringify(counts)}; ${expected.views.length} views, 0 differences`,
    );
    expect(counts.ahead).toBeGreaterThan(5);
    expect(counts.crashes).toBeGreaterThan(10);
    // written ahead, then the answer lost: the retry must find those views unchanged and add nothing twice
    expect(counts.crashesAfterAhead).toBeGreaterThan(0);
  }, 300_000);
});
