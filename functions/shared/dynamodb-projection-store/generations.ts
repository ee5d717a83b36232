import { createHash } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll, guardDependency, isConditionFailure, queryAll, scanPages, writeAtomically } from '../dynamodb';
import type { GenerationStore } from '../projection-store';
import {
  catalogUpdates,
  counterAttributes,
  counterUpdate,
  generationPrefixes,
  journalEntryOf,
  metaItem,
  projectionKeys,
  versionCondition,
} from './items';
import type { ProjectionTables } from './projector-writes';

/** The rebuild's operations on the projections table: the same items and keys as the projector's. */
export const generationOperations = ({ client, table }: ProjectionTables): Omit<GenerationStore, 'readMeta'> => ({
  writeMeta: async (next, expectedRevision) => {
    try {
      await guardDependency(() =>
        client.send(new PutCommand({ TableName: table, Item: metaItem(next), ...versionCondition('revision', expectedRevision) })),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },

  putGeneration: async (generation, { counters, catalog }) => {
    const items = [
      ...counters.map((delta) => ({
        ...projectionKeys.counter(generation, delta.segment, delta.granularity, delta.bucket),
        ...counterAttributes(delta.scores),
        ...delta.tallies,
      })),
      ...Object.entries(catalog).map(([dimension, values]) => ({
        ...projectionKeys.catalog(generation, dimension),
        values: new Set(values),
      })),
    ];
    await batchWriteAll(client, { table, requests: items.map((Item) => ({ PutRequest: { Item } })) });
  },

  listJournal: async (generation) =>
    (
      await queryAll(client, {
        TableName: table,
        ConsistentRead: true,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': projectionKeys.journal(generation, '').pk },
      })
    ).map(journalEntryOf),

  applyJournalEntry: async ({ generation, key, groups }) => {
    for (const [index, group] of groups.entries()) {
      const last = index === groups.length - 1;
      const items = [
        ...group.counters.map((delta) => counterUpdate(table, generation, delta)),
        ...catalogUpdates(table, generation, group.catalog),
        ...(last ? [{ Delete: { TableName: table, Key: projectionKeys.journal(generation, key) } }] : []),
      ];
      // the token makes a retried transaction (e.g. after a timeout) a no-op for 10 minutes
      const token = createHash('sha256').update(`${generation}|${key}|${index}`).digest('base64url').slice(0, 32);
      await writeAtomically(client, items, { token });
    }
  },

  deleteGeneration: async (generation) => {
    const prefixes = generationPrefixes(generation);
    let deleted = 0;
    const pages = scanPages(client, {
      TableName: table,
      ProjectionExpression: 'pk, sk',
      FilterExpression: 'begins_with(pk, :counter) OR pk = :catalog OR pk = :journal',
      ExpressionAttributeValues: { ':counter': prefixes.counter, ':catalog': prefixes.catalog, ':journal': prefixes.journal },
    });
    for await (const keys of pages) {
      await batchWriteAll(client, { table, requests: keys.map((Key) => ({ DeleteRequest: { Key } })) });
      deleted += keys.length;
    }
    return deleted;
  },
});
