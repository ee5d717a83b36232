import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll, guardDependency, isConditionFailure, queryAll, scanPages } from '../dynamodb';
import type { GenerationStore } from '../projection-store';
import { writeGroup } from './group-transaction';
import {
  catalogUpdates,
  checkpointOf,
  counterUpdate,
  generationPrefixes,
  journalEntryOf,
  metaItem,
  projectionKeys,
  versionCondition,
} from './items';
import { type ProjectionTables, respondentWritesOf } from './projector-writes';
import { respondentKeys } from './respondent-items';
import { termKeys } from './term-items';

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
      // the marker makes a retried group (after a timeout or a crash) a no-op
      const marker = { ...projectionKeys.journalMarker(generation, key, index) };
      const items = [
        { Put: { TableName: table, Item: marker, ConditionExpression: 'attribute_not_exists(pk)' } },
        ...group.counters.map((delta) => counterUpdate(table, generation, delta)),
        ...catalogUpdates(table, generation, group.catalog),
        ...(last ? [{ Delete: { TableName: table, Key: projectionKeys.journal(generation, key) } }] : []),
      ];
      await writeGroup(client, { table, generation, items, guards: 1, deltas: group.terms ?? [], ...respondentWritesOf(group) });
    }
  },

  readCheckpoint: async (generation, segment) => {
    const { Item } = await guardDependency(() =>
      client.send(new GetCommand({ TableName: table, Key: projectionKeys.checkpoint(generation, segment), ConsistentRead: true })),
    );
    return Item ? checkpointOf(Item) : undefined;
  },

  writeCheckpoint: async (generation, segment, checkpoint) => {
    await guardDependency(() =>
      client.send(new PutCommand({ TableName: table, Item: { ...projectionKeys.checkpoint(generation, segment), ...checkpoint } })),
    );
  },

  deleteGeneration: async (generation) => {
    const prefixes = generationPrefixes(generation);
    let deleted = 0;
    const pages = scanPages(client, {
      TableName: table,
      ProjectionExpression: 'pk, sk',
      FilterExpression:
        'begins_with(pk, :counter) OR begins_with(pk, :terms) OR begins_with(pk, :views) OR pk IN (:catalog, :journal, :marks, :aggregates, :checkpoints)',
      ExpressionAttributeValues: {
        ':counter': prefixes.counter,
        ':terms': termKeys.prefix(generation),
        ':views': respondentKeys.viewPrefix(generation),
        ':aggregates': respondentKeys.aggregate(generation, '').pk,
        ':catalog': prefixes.catalog,
        ':journal': prefixes.journal,
        ':marks': prefixes.journalMarks,
        ':checkpoints': prefixes.checkpoints,
      },
    });
    for await (const keys of pages) {
      await batchWriteAll(client, { table, requests: keys.map((Key) => ({ DeleteRequest: { Key } })) });
      deleted += keys.length;
    }
    return deleted;
  },
});
