import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { InvariantError } from '../../../domain/errors';
import type { Guard, Transaction, TransactionOutcome, Write } from '../../projection-engine/store';
import { type TransactItem, writeAtomically } from '../dynamodb';
import { chunkDefinitionItem, versionCondition } from './items';
import { itemKeyOf, listPartitionOf, projectionKeys } from './keys';

export interface ProjectionTables {
  client: DynamoDBDocumentClient;
  table: string;
  /** The outbox table, for the projector's outbox entries. */
  outboxTable?: string;
}

const NOT_THERE = { ConditionExpression: 'attribute_not_exists(pk)' };

/** A guard as a put that must not find its item (or, checked only, a condition check of the same). */
const guardItem = (table: string, guard: Guard, checkOnly: boolean | undefined): TransactItem => {
  if (guard.kind === 'meta-revision') {
    return {
      ConditionCheck: { TableName: table, Key: projectionKeys.meta(), ...versionCondition('revision', guard.revision) },
    };
  }
  const item =
    guard.kind === 'journal-group'
      ? projectionKeys.journalMarker(guard.generation, guard.key, guard.index)
      : guard.index === 0
        ? chunkDefinitionItem(guard.chunk, guard.expiresAt)
        : { ...projectionKeys.chunk(guard.chunk.key, guard.index), expiresAt: guard.expiresAt };
  if (checkOnly) return { ConditionCheck: { TableName: table, Key: { pk: item.pk, sk: item.sk }, ...NOT_THERE } };
  return { Put: { TableName: table, Item: item, ...NOT_THERE } };
};

/** An `ADD` of counts (zero ones left out) or of set values. */
const addItem = (
  table: string,
  key: { pk: string; sk: string },
  values: [attribute: string, value: unknown][],
): TransactItem => ({
  Update: {
    TableName: table,
    Key: key,
    UpdateExpression: `ADD ${values.map((_, i) => `#a${i} :a${i}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(values.map(([attribute], i) => [`#a${i}`, attribute])),
    ExpressionAttributeValues: Object.fromEntries(values.map(([, value], i) => [`:a${i}`, value])),
  },
});

/** One write as a transaction item (a baseline that writes it alone takes its `Update`). */
export const writeItem = ({ table, outboxTable }: ProjectionTables, generation: number, write: Write): TransactItem => {
  switch (write.kind) {
    case 'add':
      return addItem(table, itemKeyOf(generation, write.item), Object.entries(write.counts));
    case 'union':
      return addItem(table, itemKeyOf(generation, write.item), [['values', new Set(write.values)]]);
    case 'put': {
      const key = itemKeyOf(generation, write.item);
      const condition = versionCondition('v', write.expectedVersion);
      if (!write.value) return { Delete: { TableName: table, Key: key, ...condition } };
      const { attributes, listKey } = write.value;
      const list = listKey ? { lpk: listPartitionOf(generation, write.item.model), lsk: listKey } : {};
      return {
        Put: { TableName: table, Item: { ...key, v: write.expectedVersion + 1, ...attributes, ...list }, ...condition },
      };
    }
    case 'outbox':
      if (!outboxTable) throw new InvariantError('this projection store has no outbox table');
      return { Put: { TableName: outboxTable, Item: write.entry } };
    case 'journal':
      return {
        Put: {
          TableName: table,
          Item: { ...projectionKeys.journal(write.generation, write.key), events: write.events },
        },
      };
    case 'journal-applied':
      return { Delete: { TableName: table, Key: projectionKeys.journal(write.generation, write.key) } };
  }
};

/**
 * A transaction as one `TransactWriteItems`: the guards first (markers put, or only checked,
 * on condition that they do not exist; the meta's revision checked), then the writes. A
 * failed condition among the guards is the refusal of that guard; among the writes, a
 * document that another writer changed.
 */
export const transact = async (tables: ProjectionTables, transaction: Transaction): Promise<TransactionOutcome> => {
  const { generation, guards, writes, checkOnly } = transaction;
  const items = [
    ...guards.map((guard) => guardItem(tables.table, guard, checkOnly)),
    ...writes.map((w) => writeItem(tables, generation, w)),
  ];
  const outcome = await writeAtomically(tables.client, items);
  if (outcome.written) return outcome;
  const failed = outcome.reasons.indexOf('ConditionalCheckFailed');
  return failed < guards.length ? { written: false, refusedBy: failed } : { written: false, conflict: true };
};
