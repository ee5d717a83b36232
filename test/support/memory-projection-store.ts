import { emptyHistogram } from '../../domain/histogram';
import { cellId } from '../../domain/projection';
import type { ChunkEntry } from '../../functions/shared/outbox';
import {
  bucketKey,
  type ChunkDefinition,
  type ChunkState,
  type EventRef,
  type GroupOutcome,
  type GroupWrite,
  INITIAL_META,
  type ProjectionMeta,
  type ProjectionStore,
} from '../../functions/shared/projection-store';

/**
 * The projection store's semantics in memory, for schedule searches too large to run
 * against DynamoDB Local: `applyGroup` is atomic, refuses an existing marker and a moved
 * meta revision, exactly as the DynamoDB adapter's transaction does. The same schedules
 * also run, fewer of them, against the real adapter.
 */
export const createMemoryProjectionStore = () => {
  const counters = new Map<string, number[]>(); // `${generation}|${cellId}`
  const chunks = new Map<string, { definition: ChunkDefinition; groups: Set<number> }>();
  const journal = new Map<string, EventRef[]>();
  const catalog = new Map<string, Set<string>>();
  let meta: ProjectionMeta = INITIAL_META;
  let writes = 0;
  const outbox: ChunkEntry[] = [];

  const store: ProjectionStore = {
    readMeta: async () => meta,
    findChunk: async (key): Promise<ChunkState | undefined> => {
      const chunk = chunks.get(key);
      return chunk && { ...chunk.definition, appliedGroups: Math.min(chunk.definition.groupCount, chunk.groups.size) };
    },
    putContinuation: async (definition) => {
      chunks.set(definition.key, { definition, groups: new Set([0]) });
    },
    applyGroup: async (write: GroupWrite): Promise<GroupOutcome> => {
      await Promise.resolve();
      const existing = chunks.get(write.chunk.key);
      if (write.index === 0 ? existing : existing?.groups.has(write.index)) return 'already-applied';
      if (write.index === 0 && write.metaRevision !== meta.revision) return 'stale-meta';
      if (write.index > 0 && !existing) throw new Error(`group ${write.index} of ${write.chunk.key} before group 0`);
      for (const delta of write.counters) {
        const key = `${write.chunk.generation}|${cellId(delta)}`;
        const counts = counters.get(key) ?? emptyHistogram();
        delta.scores.forEach((count, score) => (counts[score]! += count));
        counters.set(key, counts);
      }
      for (const [dimension, values] of Object.entries(write.catalog)) {
        const key = `${write.chunk.generation}|${dimension}`;
        catalog.set(key, new Set([...(catalog.get(key) ?? []), ...values]));
      }
      if (write.index === 0) chunks.set(write.chunk.key, { definition: write.chunk, groups: new Set([0]) });
      else existing!.groups.add(write.index);
      if (write.outbox) outbox.push(write.outbox);
      if (write.journal?.events.length) journal.set(`${write.journal.generation}|${write.chunk.key}`, write.journal.events);
      writes += write.counters.length + Object.keys(write.catalog).length + 1;
      return 'applied';
    },
    readBuckets: async (generation, segment, buckets) => {
      const found = new Map<string, number[]>();
      for (const { granularity, bucket } of buckets) {
        const counts = counters.get(`${generation}|${cellId({ segment, granularity, bucket })}`);
        if (counts) found.set(bucketKey(granularity, bucket), counts);
      }
      return { value: found, itemsRead: found.size };
    },
    readBucketRange: async () => {
      throw new Error('not used by the fault tests');
    },
    readCatalog: async () => {
      throw new Error('not used by the fault tests');
    },
  };

  return {
    store,
    /** Counters of a generation, cell id → histogram, zero histograms left out. */
    counters: (generation: number) => {
      const result = new Map<string, number[]>();
      for (const [key, counts] of counters) {
        if (key.startsWith(`${generation}|`) && counts.some((c) => c !== 0)) result.set(key.slice(String(generation).length + 1), counts);
      }
      return result;
    },
    setMeta: (next: ProjectionMeta) => {
      meta = next;
    },
    journal,
    outbox,
    writes: () => writes,
  };
};
