import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { InvariantError } from '../../../domain/errors';
import type { RespondentChange } from '../../../domain/respondents/changes';
import type { Combination } from '../../../domain/segments';
import type { TermDelta } from '../../../domain/term-counts';
import { type TransactItem, writeAtomically } from '../dynamodb';
import { ContentionError } from '../errors';
import { changesThatFit, readViews, respondentWrites, type StoredView, sizeOf } from './respondent-items';
import { readTermItems, termWrites } from './term-items';

/** Times a transaction is read again and retried when another writer changed one of its versioned items in between. */
const VERSION_RETRIES = 20;
/** DynamoDB's limits of one transaction: 100 items, 4 MB (of which the aggregate items and request take little). */
const TRANSACTION_ITEMS = 100;
const TRANSACTION_BYTES = 3_500_000;

/** Respondent changes to write with a group, and what their aggregates need. */
export interface RespondentWrites {
  changes: readonly RespondentChange[];
  combinations: readonly Combination[];
  updatedAt: string;
}

/** One group's transaction: what `writeGroup` writes. */
export interface GroupTransaction {
  table: string;
  generation: number;
  /** The group's own writes; the first `guards` of them (its marker, the meta check) make it apply once. */
  items: TransactItem[];
  guards: number;
  deltas: readonly TermDelta[];
  respondents?: RespondentWrites;
}

type GroupWriteOutcome = { written: true } | { written: false; failed: number };
/** What one attempt did: finished (written or refused by a guard), wrote changes ahead, or met a concurrent writer. */
type Step = { outcome: GroupWriteOutcome } | { ahead: number } | { conflict: true };

/** A guard of the group (its marker's put, the meta check) as a condition check alone. */
const asCheck = (item: TransactItem): TransactItem => {
  if (item.ConditionCheck) return item;
  const put = item.Put;
  if (!put?.ConditionExpression || !put.Item) throw new InvariantError('a group guard is a conditioned put or a condition check');
  const { TableName, Item, ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues } = put;
  return {
    ConditionCheck: {
      TableName,
      Key: { pk: Item.pk, sk: Item.sk },
      ConditionExpression,
      ...(ExpressionAttributeNames ? { ExpressionAttributeNames } : {}),
      ...(ExpressionAttributeValues ? { ExpressionAttributeValues } : {}),
    },
  };
};

/** A refused transaction: refused by one of its first `guarded` items (the group's own), or by a versioned item another writer changed. */
const refusal = (reasons: string[], guarded: number): Step => {
  const failed = reasons.indexOf('ConditionalCheckFailed');
  return failed < guarded ? { outcome: { written: false, failed } } : { conflict: true };
};

type Context = RespondentWrites & { generation: number };

/** Writes the respondent changes that fit in a transaction of their own, guarded by the group's guards. */
const writeAhead = async (
  client: DynamoDBDocumentClient,
  group: GroupTransaction,
  { context, changes, views }: { context: Context; changes: readonly RespondentChange[]; views: ReadonlyMap<string, StoredView> },
): Promise<Step> => {
  if (!group.guards) throw new InvariantError('respondent changes written ahead of their group need its guards');
  const room = { items: TRANSACTION_ITEMS - group.guards, bytes: TRANSACTION_BYTES };
  const fitting = changesThatFit(group.table, context, { changes, stored: views, room });
  if (!fitting.length) throw new InvariantError('a respondent change does not fit in a transaction of its own');
  const guards = group.items.slice(0, group.guards).map(asCheck);
  const outcome = await writeAtomically(client, [...guards, ...respondentWrites(group.table, context, fitting, views)]);
  return outcome.written ? { ahead: fitting.length } : refusal(outcome.reasons, group.guards);
};

/** The term items and respondent views a group writes over, as read (consistently) just before. */
interface VersionedRead {
  terms: Awaited<ReturnType<typeof readTermItems>>;
  views: ReadonlyMap<string, StoredView>;
}

const readVersioned = async (client: DynamoDBDocumentClient, group: GroupTransaction, changes: readonly RespondentChange[]) => {
  const { table, generation, deltas } = group;
  const [terms, views] = await Promise.all([
    readTermItems(client, { table, generation, deltas }),
    readViews(client, { table, generation, changes }),
  ]);
  return { terms, views };
};

/** Writes the group whole over what was read, or the respondent changes that fit ahead of it. */
const attempt = async (
  client: DynamoDBDocumentClient,
  group: GroupTransaction,
  { changes, read }: { changes: readonly RespondentChange[]; read: VersionedRead },
): Promise<Step> => {
  const { table, generation, items, deltas, respondents } = group;
  const context = respondents && { ...respondents, generation };
  const views = read.views;
  const versioned = [
    ...termWrites(table, generation, deltas, read.terms),
    ...(context ? respondentWrites(table, context, changes, views) : []),
  ];
  const tooLarge = () => items.length + versioned.length > TRANSACTION_ITEMS || sizeOf([...items, ...versioned]) > TRANSACTION_BYTES;
  if (context && changes.length && tooLarge()) return writeAhead(client, group, { context, changes, views });
  const outcome = await writeAtomically(client, [...items, ...versioned]);
  return outcome.written ? { outcome } : refusal(outcome.reasons, items.length);
};

/**
 * Writes a group's `items`, term deltas and respondent changes in one transaction, the
 * term items and respondent views read just before and conditioned on their version;
 * when another writer changed one in between, reads again and retries (a version that
 * moved fails the transaction, so what was read is read once per try). Answers the index
 * of the first of `items` whose condition failed.
 *
 * When the aggregate items the respondent changes touch do not fit in that transaction
 * (the plan reserves room for a few: live traffic touches a day and a month), or the
 * views make it larger than DynamoDB takes (a view holds up to ~150 KB), the
 * changes that fit are written first in transactions of their own, guarded by the
 * group's guards so that they apply only while the group is not applied. Each sets the
 * responses of a view to the states this group brings: once written the view reads as
 * unchanged, so a retry after a crash adds nothing twice.
 */
export const writeGroup = async (client: DynamoDBDocumentClient, group: GroupTransaction): Promise<GroupWriteOutcome> => {
  let changes = group.respondents?.changes ?? [];
  let read: VersionedRead | undefined;
  for (let conflicts = 0; conflicts <= VERSION_RETRIES; ) {
    read ??= await readVersioned(client, group, changes);
    const step = await attempt(client, group, { changes, read });
    if ('outcome' in step) return step.outcome;
    if ('ahead' in step) {
      // what was read still stands for the rest: the writes ahead changed only their own views
      changes = changes.slice(step.ahead);
      continue;
    }
    conflicts++;
    read = undefined;
  }
  throw new ContentionError('term items or respondent views kept changing under the writer');
};
