import { createHash } from 'node:crypto';
import { BatchWriteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { guardDependency } from '../shared/dynamodb';
import {
  catalogUpdates,
  counterUpdate,
  createDynamoDbProjectionStore,
  projectionKeys,
  transact,
} from '../shared/dynamodb-projection-store';
import type { EventRef } from '../shared/projection-store';
import type { RebuildStore } from './rebuild-store';

const batchWrite = async (client: DynamoDBDocumentClient, table: string, requests: Record<string, unknown>[]): Promise<void> => {
  for (let i = 0; i < requests.length; i += 25) {
    let pending: Record<string, unknown>[] | undefined = requests.slice(i, i + 25);
    for (let attempt = 0; pending?.length; attempt++) {
      const batch: Record<string, unknown>[] = pending;
      const result = await guardDependency(() => client.send(new BatchWriteCommand({ RequestItems: { [table]: batch as never } })));
      pending = result.UnprocessedItems?.[table] as Record<string, unknown>[] | undefined;
      if (pending?.length) await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 20 * 2 ** attempt)));
    }
  }
};

/** The rebuild's storage operations on the projections table. */
export const createDynamoDbRebuildStore = ({ client, table }: { client: DynamoDBDocumentClient; table: string }): RebuildStore => ({
  readMeta: () => createDynamoDbProjectionStore({ client, table }).readMeta(),

  writeMeta: async (next, expectedRevision) => {
    try {
      await guardDependency(() =>
        client.send(
          new PutCommand({
            TableName: table,
            Item: {
              ...projectionKeys.meta(),
              revision: next.revision,
              current: next.current,
              ...(next.currentSince ? { currentSince: next.currentSince } : {}),
              ...(next.building ? { buildingGeneration: next.building.generation, buildingSince: next.building.since } : {}),
            },
            ...(expectedRevision === 0
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : { ConditionExpression: 'revision = :revision', ExpressionAttributeValues: { ':revision': expectedRevision } }),
          }),
        ),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  },

  putGeneration: async (generation, counters, catalog) => {
    const puts = [
      ...counters.map((delta) => ({
        ...projectionKeys.counter(generation, delta.segment, delta.granularity, delta.bucket),
        ...Object.fromEntries(delta.scores.flatMap((count, score) => (count ? [[`s${score}`, count]] : []))),
      })),
      ...Object.entries(catalog).map(([dimension, values]) => ({
        ...projectionKeys.catalog(generation, dimension),
        values: new Set(values),
      })),
    ];
    await batchWrite(
      client,
      table,
      puts.map((Item) => ({ PutRequest: { Item } })),
    );
  },

  listJournal: async (generation) => {
    const entries: { key: string; events: EventRef[] }[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await guardDependency(() =>
        client.send(
          new QueryCommand({
            TableName: table,
            ConsistentRead: true,
            ExclusiveStartKey,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': projectionKeys.journal(generation, '').pk },
          }),
        ),
      );
      for (const item of page.Items ?? []) entries.push({ key: String(item.sk), events: item.events as EventRef[] });
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return entries;
  },

  applyJournalEntry: async (generation, key, groups) => {
    for (const [index, group] of groups.entries()) {
      const last = index === groups.length - 1;
      const items = [
        ...group.counters.map((delta) => counterUpdate(table, generation, delta)),
        ...catalogUpdates(table, generation, group.catalog),
        ...(last ? [{ Delete: { TableName: table, Key: projectionKeys.journal(generation, key) } }] : []),
      ];
      // the token makes a retried transaction (e.g. after a timeout) a no-op for 10 minutes
      const token = createHash('sha256').update(`${generation}|${key}|${index}`).digest('base64url').slice(0, 32);
      await transact(client, items, token);
    }
  },

  deleteGeneration: async (generation) => {
    const keys: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await guardDependency(() =>
        client.send(
          new ScanCommand({
            TableName: table,
            ExclusiveStartKey,
            ProjectionExpression: 'pk, sk',
            FilterExpression: 'begins_with(pk, :counter) OR pk = :catalog OR pk = :journal',
            ExpressionAttributeValues: { ':counter': `c#${generation}#`, ':catalog': `d#${generation}`, ':journal': `j#${generation}` },
          }),
        ),
      );
      keys.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    await batchWrite(
      client,
      table,
      keys.map((Key) => ({ DeleteRequest: { Key } })),
    );
    return keys.length;
  },
});
