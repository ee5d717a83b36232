import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ProjectionStore } from '../../projection-engine/store';
import { batchWriteAll, guardDependency, isConditionFailure, queryAll, scanPages } from '../dynamodb';
import {
  checkpointOf,
  chunkDefinitionItem,
  chunkDefinitionOf,
  journalEntryOf,
  metaItem,
  metaOf,
  versionCondition,
} from './items';
import { bookkeepingPartitions, prefixOf, projectionKeys } from './keys';
import type { ProjectionTables } from './transactions';

type Operations = Pick<
  ProjectionStore,
  | 'readMeta'
  | 'writeMeta'
  | 'findChunk'
  | 'putContinuation'
  | 'listJournal'
  | 'readCheckpoint'
  | 'writeCheckpoint'
  | 'deleteGeneration'
>;

/** The meta, chunks, journal, checkpoints and generations on the projections table. */
export const generationOperations = ({ client, table }: ProjectionTables): Operations => ({
  readMeta: async () =>
    metaOf(
      (
        await guardDependency(() =>
          client.send(new GetCommand({ TableName: table, Key: projectionKeys.meta(), ConsistentRead: true })),
        )
      ).Item,
    ),

  writeMeta: async (next, expectedRevision) => {
    try {
      await guardDependency(() =>
        client.send(
          new PutCommand({ TableName: table, Item: metaItem(next), ...versionCondition('revision', expectedRevision) }),
        ),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },

  /** The chunk stored under a record's ref: its definition and the markers of its groups, one query. */
  findChunk: async (key) => {
    const items = await queryAll(client, {
      TableName: table,
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': projectionKeys.chunk(key).pk },
    });
    const definitionItem = items.find((item) => item.sk === projectionKeys.chunk(key).sk);
    if (!definitionItem) return undefined;
    const definition = chunkDefinitionOf(key, definitionItem);
    return { ...definition, appliedGroups: Math.min(definition.groupCount, items.length) };
  },

  putContinuation: async (chunk, expiresAt) => {
    await guardDependency(() =>
      client.send(new PutCommand({ TableName: table, Item: chunkDefinitionItem(chunk, expiresAt) })),
    );
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

  readCheckpoint: async (generation, segment) => {
    const { Item } = await guardDependency(() =>
      client.send(
        new GetCommand({ TableName: table, Key: projectionKeys.checkpoint(generation, segment), ConsistentRead: true }),
      ),
    );
    return Item ? checkpointOf(Item) : undefined;
  },

  writeCheckpoint: async (generation, segment, checkpoint) => {
    await guardDependency(() =>
      client.send(
        new PutCommand({
          TableName: table,
          Item: { ...projectionKeys.checkpoint(generation, segment), ...checkpoint },
        }),
      ),
    );
  },

  /** Scans the table once for the items of the generation's models and bookkeeping, and deletes them in batches. */
  deleteGeneration: async (generation, models) => {
    const prefixes = models.map((model) => prefixOf(model));
    const exact = [...prefixes.map((prefix) => `${prefix}#${generation}`), ...bookkeepingPartitions(generation)];
    const values = {
      ...Object.fromEntries(prefixes.map((prefix, i) => [`:p${i}`, `${prefix}#${generation}#`])),
      ...Object.fromEntries(exact.map((pk, i) => [`:e${i}`, pk])),
    };
    const filter = [
      ...prefixes.map((_, i) => `begins_with(pk, :p${i})`),
      `pk IN (${exact.map((_, i) => `:e${i}`).join(', ')})`,
    ].join(' OR ');
    let deleted = 0;
    for await (const keys of scanPages(client, {
      TableName: table,
      ProjectionExpression: 'pk, sk',
      FilterExpression: filter,
      ExpressionAttributeValues: values,
    })) {
      await batchWriteAll(client, { table, requests: keys.map((Key) => ({ DeleteRequest: { Key } })) });
      deleted += keys.length;
    }
    return deleted;
  },
});
