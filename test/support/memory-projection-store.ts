import { emptyHistogram } from '../../domain/histogram';
import { cellId } from '../../domain/projection';
import {
  bucketKey, type ChunkOutcome, type ChunkWrite, type EventRef, INITIAL_META, type ProjectionMeta, type ProjectionStore,
} from '../../functions/shared/projection-store';

/**
 * The projection store's semantics in memory, for schedule searches too large to run
 * against DynamoDB Local: `applyChunk` is atomic, refuses an existing marker and a moved
 * meta revision, exactly as the DynamoDB adapter's transaction does. The same schedules
 * also run, fewer of them, against the real adapter.
 */
export const createMemoryProjectionStore = () => {
  const counters = new Map<string, number[]>(); // `${generation}|${cellId}`
  const markers = new Map<string, string[]>();
  const journal = new Map<string, EventRef[]>();
  const catalog = new Map<string, Set<string>>();
  let meta: ProjectionMeta = INITIAL_META;
  let writes = 0;

  const store: ProjectionStore = {
    readMeta: async () => meta,
    findChunk: async (markerId) => markers.get(markerId),
    putContinuation: async (markerId, members) => { markers.set(markerId, members); },
    applyChunk: async (chunk: ChunkWrite): Promise<ChunkOutcome> => {
      await Promise.resolve();
      if (markers.has(chunk.markerId)) return 'already-applied';
      if (chunk.metaRevision !== meta.revision) return 'stale-meta';
      for (const delta of chunk.counters) {
        const key = `${chunk.generation}|${cellId(delta)}`;
        const counts = counters.get(key) ?? emptyHistogram();
        delta.scores.forEach((count, score) => (counts[score]! += count));
        counters.set(key, counts);
      }
      for (const [dimension, values] of Object.entries(chunk.catalog)) {
        const key = `${chunk.generation}|${dimension}`;
        catalog.set(key, new Set([...(catalog.get(key) ?? []), ...values]));
      }
      markers.set(chunk.markerId, chunk.members);
      if (chunk.journal?.events.length) journal.set(`${chunk.journal.generation}|${chunk.markerId}`, chunk.journal.events);
      writes += chunk.counters.length + Object.keys(chunk.catalog).length + 1;
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
    readBucketRange: async () => { throw new Error('not used by the fault tests'); },
    readCatalog: async () => { throw new Error('not used by the fault tests'); },
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
    setMeta: (next: ProjectionMeta) => { meta = next; },
    journal,
    writes: () => writes,
  };
};
