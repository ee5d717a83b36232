import { InvariantError } from '../../domain/errors';
import type { TermEntry } from '../../domain/term-counts';
import { TRANSACTION_ITEMS } from '../../functions/projection-engine/plan';
import type { ItemKey } from '../../functions/projection-engine/projection';
import type {
  ChunkState,
  Guard,
  ProjectionStore,
  SegmentCheckpoint,
  StoredDocument,
  Transaction,
  Write,
} from '../../functions/projection-engine/store';
import { INITIAL_META, type ProjectionMeta } from '../../functions/projection-engine/store';
import type { ChunkEntry } from '../../functions/shared/outbox';
import { memoryReadModels } from './memory-read-models';

/** What the in-memory store holds: items by generation and key, bookkeeping beside. */
export interface MemoryState {
  /** `generation|model|partition` → sort → counts, set or document. */
  partitions: Map<string, Map<string, MemoryItem>>;
  markers: Set<string>;
  chunks: Map<string, ChunkState>;
  journal: Map<string, { key: string; events: { responseId: string; version: number }[] }>;
  checkpoints: Map<string, SegmentCheckpoint>;
  meta: ProjectionMeta;
  outbox: ChunkEntry[];
  /** Transactions written, and how many of them only checked their guards (writes ahead). */
  stats: { transactions: number; ahead: number; items: number };
}

export type MemoryItem =
  | { counts: Record<string, number> }
  | { values: Set<string> }
  | { document: StoredDocument; listKey?: string };

const partitionOf = (generation: number, { model, partition }: Pick<ItemKey, 'model' | 'partition'>) =>
  `${generation}|${model}|${partition}`;
const markerOf = (guard: Guard): string | undefined => {
  if (guard.kind === 'chunk-group') return `m|${guard.chunk.key}|${guard.index}`;
  return guard.kind === 'journal-group' ? `jm|${guard.generation}|${guard.key}|${guard.index}` : undefined;
};

/** The index of the first guard that refuses the transaction, if any. */
const refusedBy = (state: MemoryState, guards: readonly Guard[]) =>
  guards.findIndex((guard) =>
    guard.kind === 'meta-revision' ? guard.revision !== state.meta.revision : state.markers.has(markerOf(guard)!),
  );

const itemAt = (state: MemoryState, generation: number, item: ItemKey) =>
  state.partitions.get(partitionOf(generation, item))?.get(item.sort);

/** Whether a versioned put finds its document at the version it read. */
const versionHolds = (state: MemoryState, generation: number, write: Extract<Write, { kind: 'put' }>) => {
  const stored = itemAt(state, generation, write.item);
  return (stored && 'document' in stored ? stored.document.version : 0) === write.expectedVersion;
};

/** DynamoDB's rules a transaction must keep: at most 100 items, each item once. */
const checkLimits = ({ guards, writes }: Transaction) => {
  if (guards.length + writes.length > TRANSACTION_ITEMS) {
    throw new InvariantError(
      `a transaction of ${guards.length + writes.length} items (the limit is ${TRANSACTION_ITEMS})`,
    );
  }
  const keys = writes.flatMap((w) => ('item' in w ? [`${w.item.model}|${w.item.partition}|${w.item.sort}`] : []));
  if (new Set(keys).size !== keys.length) throw new InvariantError('a transaction touches an item twice');
};

const setItem = (state: MemoryState, generation: number, item: ItemKey, value: MemoryItem | undefined) => {
  const key = partitionOf(generation, item);
  const partition = state.partitions.get(key) ?? new Map<string, MemoryItem>();
  if (value) partition.set(item.sort, value);
  else partition.delete(item.sort);
  state.partitions.set(key, partition);
};

const addCounts = (state: MemoryState, generation: number, write: Extract<Write, { kind: 'add' }>) => {
  const stored = itemAt(state, generation, write.item);
  const counts = { ...(stored && 'counts' in stored ? stored.counts : {}) };
  for (const [name, value] of Object.entries(write.counts)) counts[name] = (counts[name] ?? 0) + value;
  setItem(state, generation, write.item, { counts });
};

const addValues = (state: MemoryState, generation: number, write: Extract<Write, { kind: 'union' }>) => {
  const stored = itemAt(state, generation, write.item);
  setItem(state, generation, write.item, {
    values: new Set([...(stored && 'values' in stored ? stored.values : []), ...write.values]),
  });
};

const putDocument = (state: MemoryState, generation: number, write: Extract<Write, { kind: 'put' }>) => {
  const value = write.value;
  const item = value && {
    document: { version: write.expectedVersion + 1, attributes: value.attributes },
    ...(value.listKey ? { listKey: value.listKey } : {}),
  };
  setItem(state, generation, write.item, item);
};

/** How each kind of write applies, once every condition of its transaction held. */
const APPLY: {
  [K in Write['kind']]: (state: MemoryState, generation: number, write: Extract<Write, { kind: K }>) => void;
} = {
  add: addCounts,
  union: addValues,
  put: putDocument,
  outbox: (state, _, write) => void state.outbox.push(write.entry),
  journal: (state, _, write) =>
    void state.journal.set(`${write.generation}|${write.key}`, { key: write.key, events: write.events }),
  'journal-applied': (state, _, write) => void state.journal.delete(`${write.generation}|${write.key}`),
};

const applyWrite = (state: MemoryState, generation: number, write: Write) =>
  (APPLY[write.kind] as (state: MemoryState, generation: number, write: Write) => void)(state, generation, write);

/** Writes the guards' markers (a chunk's group 0 also stores its definition). */
const recordGuards = (state: MemoryState, guards: readonly Guard[]) => {
  for (const guard of guards) {
    const marker = markerOf(guard);
    if (!marker) continue;
    state.markers.add(marker);
    if (guard.kind === 'chunk-group' && guard.index === 0)
      state.chunks.set(guard.chunk.key, { ...guard.chunk, appliedGroups: 0 });
  }
};

const transact =
  (state: MemoryState): ProjectionStore['transact'] =>
  async (transaction) => {
    await Promise.resolve();
    checkLimits(transaction);
    const refused = refusedBy(state, transaction.guards);
    if (refused >= 0) return { written: false, refusedBy: refused };
    const puts = transaction.writes.filter((w): w is Extract<Write, { kind: 'put' }> => w.kind === 'put');
    if (!puts.every((put) => versionHolds(state, transaction.generation, put)))
      return { written: false, conflict: true };
    for (const write of transaction.writes) applyWrite(state, transaction.generation, write);
    if (!transaction.checkOnly) recordGuards(state, transaction.guards);
    state.stats.transactions++;
    state.stats.ahead += Number(Boolean(transaction.checkOnly));
    state.stats.items += transaction.writes.length;
    return { written: true };
  };

/**
 * The projection store's contract in memory, for schedule searches too large to run
 * against DynamoDB Local: transactions are atomic, refused by a guard or a moved version
 * exactly as DynamoDB's are, and held to DynamoDB's limits (100 items, each item once),
 * so that the engine takes the same decisions over it (writes ahead included). The same
 * schedules also run, fewer of them, against the real adapter.
 */
export const createMemoryProjectionStore = () => {
  const state: MemoryState = {
    partitions: new Map(),
    markers: new Set(),
    chunks: new Map(),
    journal: new Map(),
    checkpoints: new Map(),
    meta: INITIAL_META,
    outbox: [],
    stats: { transactions: 0, ahead: 0, items: 0 },
  };
  const reads = memoryReadModels(state);
  const store: ProjectionStore = {
    ...reads.store,
    transact: transact(state),
    readMeta: async () => state.meta,
    writeMeta: async (next, expectedRevision) => {
      if (state.meta.revision !== expectedRevision) return false;
      state.meta = next;
      return true;
    },
    findChunk: async (key) => {
      const chunk = state.chunks.get(key);
      if (!chunk) return undefined;
      const applied = Array.from({ length: chunk.groupCount }, (_, i) => state.markers.has(`m|${key}|${i}`)).filter(
        Boolean,
      ).length;
      return { ...chunk, appliedGroups: Math.min(chunk.groupCount, Math.max(applied, 1)) };
    },
    putContinuation: async (chunk) => {
      state.chunks.set(chunk.key, { ...chunk, appliedGroups: 0 });
      state.markers.add(`m|${chunk.key}|0`);
    },
    readCheckpoint: async (generation, segment) => state.checkpoints.get(`${generation}|${segment}`),
    writeCheckpoint: async (generation, segment, checkpoint) =>
      void state.checkpoints.set(`${generation}|${segment}`, checkpoint),
  };
  return { store, state, ...reads.models };
};

export type MemoryProjectionStore = ReturnType<typeof createMemoryProjectionStore>;
export type { TermEntry };
