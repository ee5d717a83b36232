import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { InvariantError } from '../../../domain/errors';
import { guardDependency, queryAll, type TransactItem } from '../dynamodb';
import type { ChunkDefinition, ChunkState, GroupOutcome, GroupWrite, ProjectionMeta, WriteGroup } from '../projection-store';
import { writeGroup } from './group-transaction';
import { catalogUpdates, chunkDefinitionItem, chunkDefinitionOf, counterUpdate, metaCheck, metaOf, projectionKeys } from './items';

export interface ProjectionTables {
  client: DynamoDBDocumentClient;
  table: string;
  /** The outbox table, for the projector's outbox entries. */
  outboxTable?: string;
}

export const readMeta = async ({ client, table }: ProjectionTables): Promise<ProjectionMeta> =>
  metaOf(
    (await guardDependency(() => client.send(new GetCommand({ TableName: table, Key: projectionKeys.meta(), ConsistentRead: true })))).Item,
  );

/** The chunk stored under a record's ref: its definition and the markers of its groups, one query. */
export const findChunk = async ({ client, table }: ProjectionTables, key: string): Promise<ChunkState | undefined> => {
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
};

export const putContinuation = async ({ client, table }: ProjectionTables, chunk: ChunkDefinition, expiresAt: number) => {
  await guardDependency(() => client.send(new PutCommand({ TableName: table, Item: chunkDefinitionItem(chunk, expiresAt) })));
};

const markerOf = (table: string, write: GroupWrite): TransactItem => ({
  Put: {
    TableName: table,
    Item:
      write.index === 0
        ? chunkDefinitionItem(write.chunk, write.expiresAt)
        : { ...projectionKeys.chunk(write.chunk.key, write.index), expiresAt: write.expiresAt },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

const bookkeepingOf = ({ table, outboxTable }: ProjectionTables, write: GroupWrite): TransactItem[] => {
  const items: TransactItem[] = [markerOf(table, write)];
  if (write.index === 0) items.push(metaCheck(table, write.metaRevision));
  if (write.journal) {
    items.push({
      Put: {
        TableName: table,
        Item: { ...projectionKeys.journal(write.journal.generation, write.chunk.key), events: write.journal.events },
      },
    });
  }
  if (write.outbox) {
    if (!outboxTable) throw new InvariantError('this projection store has no outbox table');
    items.push({ Put: { TableName: outboxTable, Item: write.outbox } });
  }
  return items;
};

/** A group's respondent changes and their context, if any. */
export const respondentWritesOf = ({ respondents, respondentContext }: WriteGroup) =>
  respondents?.length && respondentContext ? { respondents: { changes: respondents, ...respondentContext } } : {};

/**
 * One group in one transaction: its marker (conditioned on not existing), the meta check
 * (group 0), journal and outbox entries, the coalesced counter and catalogue updates, and
 * its term items as read and changed (conditioned on their version).
 */
export const applyGroup = async (tables: ProjectionTables, write: GroupWrite): Promise<GroupOutcome> => {
  const { client, table } = tables;
  const generation = write.chunk.generation;
  const outcome = await writeGroup(client, {
    table,
    generation,
    items: [
      ...bookkeepingOf(tables, write),
      ...write.counters.map((delta) => counterUpdate(table, generation, delta)),
      ...catalogUpdates(table, generation, write.catalog),
    ],
    // the marker, and in group 0 the meta check, lead bookkeepingOf's items
    guards: write.index === 0 ? 2 : 1,
    deltas: write.terms ?? [],
    ...respondentWritesOf(write),
  });
  if (outcome.written) return 'applied';
  return outcome.failed === 0 ? 'already-applied' : 'stale-meta';
};
