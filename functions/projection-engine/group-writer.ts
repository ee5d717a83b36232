import { ContentionError, InvariantError } from '../shared/errors';
import { retry, VERSION_RETRY } from '../shared/retry';
import { TRANSACTION_ITEMS } from './plan';
import type { PlannedChange } from './projection';
import type { Guard, ProjectionStore, StoredDocument, Write } from './store';
import { type DocumentWrites, documentKey, documentWrites, mergeAdds, writeBytes } from './writes';

/** Bytes a transaction may carry: DynamoDB takes 4 MB, the keys and expressions around the values take the rest. */
export const TRANSACTION_BYTES = 3_500_000;

/** One group of a plan, ready to write: its guards, bookkeeping writes and changes, in one generation. */
export interface GroupToWrite {
  generation: number;
  guards: Guard[];
  /** Bookkeeping written with the group (journal and outbox entries). */
  writes: Write[];
  changes: PlannedChange[];
}

export type GroupOutcome = { written: true } | { written: false; refusedBy: number };

/** A transaction refused because a document changed under it: read again and retry. */
class DocumentConflict extends Error {}

type Update = Extract<PlannedChange, { kind: 'update' }>;
const keyOf = documentKey;

/** The documents some updates change, read consistently, by item. */
const readStored = async (store: ProjectionStore, generation: number, updates: readonly Update[]) => {
  if (!updates.length) return new Map<string, StoredDocument>();
  const { value } = await store.readDocuments(
    generation,
    updates.map((u) => u.item),
    true,
  );
  return new Map(updates.map((update, i) => [keyOf(update.item), value[i]!]));
};

/**
 * The longest run of `updates`, from the first, whose writes fit in `room` items and bytes
 * (an item several of them add to counted once): what goes ahead of a group too large for
 * one transaction.
 */
export const updatesThatFit = (
  updates: readonly Update[],
  stored: ReadonlyMap<string, StoredDocument>,
  room: { items: number; bytes: number },
): Update[] => {
  const added = new Set<string>();
  const used = { documents: 0, bytes: 0 };
  let count = 0;
  for (const update of updates) {
    const { puts, adds } = documentWrites([update], stored, keyOf);
    const more = adds.map((add) => keyOf(add.item)).filter((key) => !added.has(key));
    const bytes = puts.reduce((sum, put) => sum + writeBytes(put), 0);
    if (used.documents + puts.length + added.size + more.length > room.items || used.bytes + bytes > room.bytes) break;
    used.documents += puts.length;
    used.bytes += bytes;
    for (const key of more) added.add(key);
    count++;
  }
  return updates.slice(0, count);
};

/** The group's transaction over the documents as read. */
const transactionOf = (
  group: GroupToWrite,
  updates: readonly Update[],
  stored: ReadonlyMap<string, StoredDocument>,
) => {
  const direct = group.changes.flatMap((change): Write[] =>
    change.kind === 'add'
      ? [change]
      : change.kind === 'union'
        ? [{ kind: 'union', item: change.item, values: change.values }]
        : [],
  );
  const documents: DocumentWrites = documentWrites(updates, stored, keyOf);
  return [...group.writes, ...mergeAdds([...direct, ...documents.adds], keyOf), ...documents.puts];
};

const tooLarge = (guards: number, writes: readonly Write[]) =>
  guards + writes.length > TRANSACTION_ITEMS ||
  writes.reduce((sum, write) => sum + writeBytes(write), 0) > TRANSACTION_BYTES;

/**
 * Writes a group in one transaction: its guards, bookkeeping, adds and unions, and its
 * updates applied to their documents as read just before, each conditioned on the version
 * read. When another writer changed a document in between, reads again and retries
 * (`VERSION_RETRY`). Answers which guard refused it, if one did.
 *
 * When the group would not fit in one transaction (the items its updates add elsewhere
 * outgrow what the plan reserved, or its documents outgrow 4 MB), the idempotent updates
 * that fit go first, in transactions of their own guarded by the group's guards (checked,
 * not written), so that they apply only while the group is not applied. Each sets its
 * document to what the group brings: written once, it reads as unchanged, so a retry after
 * a crash adds nothing twice.
 *
 * @example
 * const outcome = await writeGroup(store, { generation: 1, guards, writes: [], changes: plan.groups[0] });
 */
export const writeGroup = async (store: ProjectionStore, group: GroupToWrite): Promise<GroupOutcome> => {
  let pending = group.changes.filter((change): change is Update => change.kind === 'update');
  const attempt = async (): Promise<GroupOutcome> => {
    const stored = await readStored(store, group.generation, pending);
    for (;;) {
      const writes = transactionOf(group, pending, stored);
      const ahead = pending.filter((update) => update.weight?.idempotent);
      if (!ahead.length || !tooLarge(group.guards.length, writes)) return finish(store, group, writes);
      const written = await writeAhead(store, group, { ahead, stored });
      if (written.refusedBy !== undefined) return { written: false, refusedBy: written.refusedBy };
      // what was read still stands for the rest: the writes ahead changed only their own documents
      pending = pending.filter((update) => !written.updates.includes(update));
    }
  };
  return retry(attempt, {
    policy: VERSION_RETRY,
    retryable: (error) => error instanceof DocumentConflict,
    exhausted: (error) => new ContentionError('documents kept changing under the writer', { cause: error }),
  });
};

/** The group's own transaction. */
const finish = async (store: ProjectionStore, group: GroupToWrite, writes: Write[]): Promise<GroupOutcome> => {
  const outcome = await store.transact({ generation: group.generation, guards: group.guards, writes });
  if (outcome.written) return outcome;
  if ('conflict' in outcome) throw new DocumentConflict('a document changed under the group');
  return outcome;
};

/** Writes the idempotent updates that fit ahead of the group, guarded by its guards. */
const writeAhead = async (
  store: ProjectionStore,
  group: GroupToWrite,
  { ahead, stored }: { ahead: Update[]; stored: ReadonlyMap<string, StoredDocument> },
): Promise<{ updates: Update[]; refusedBy?: number }> => {
  if (!group.guards.length) throw new InvariantError('updates written ahead of their group need its guards');
  const fitting = updatesThatFit(ahead, stored, {
    items: TRANSACTION_ITEMS - group.guards.length,
    bytes: TRANSACTION_BYTES,
  });
  if (!fitting.length) throw new InvariantError('an update does not fit in a transaction of its own');
  const { puts, adds } = documentWrites(fitting, stored, keyOf);
  const outcome = await store.transact({
    generation: group.generation,
    guards: group.guards,
    writes: [...mergeAdds(adds, keyOf), ...puts],
    checkOnly: true,
  });
  if (outcome.written) return { updates: fitting };
  if ('conflict' in outcome) throw new DocumentConflict('a document changed under the writes ahead');
  return { updates: [], refusedBy: outcome.refusedBy };
};
