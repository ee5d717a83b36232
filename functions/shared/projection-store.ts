import type { Granularity } from '../../domain/buckets';
import type { CounterDelta } from '../../domain/projection';

/**
 * Which generation of the read model readers use, and whether a rebuild is filling a
 * new one. Every projector write is conditioned on `revision`, so no write lands with a
 * stale view of the generations.
 */
export interface ProjectionMeta {
  revision: number;
  current: number;
  building?: { generation: number; since: string };
}

export const INITIAL_META: ProjectionMeta = { revision: 0, current: 1 };

/** A reference to one stored event. */
export interface EventRef {
  responseId: string;
  version: number;
}

/**
 * One atomic write of the projector: the coalesced counter changes of a run of stream
 * records, plus the marker that records which records it applied.
 */
export interface ChunkWrite {
  /** eventID of the chunk's first stream record: where a redelivery can find it. */
  markerId: string;
  /** eventIDs of every record the chunk applied, in stream order. */
  members: string[];
  /** Epoch seconds after which the marker may expire (beyond the stream's 24 h retention). */
  markerExpiresAt: number;
  generation: number;
  counters: CounterDelta[];
  catalog: Record<string, string[]>;
  /** Events a running rebuild must still apply to its generation. */
  journal?: { generation: number; events: EventRef[] };
  metaRevision: number;
}

export type ChunkOutcome = 'applied' | 'already-applied' | 'stale-meta';

/** Items of a read, and how many stored items it cost. */
export interface Metered<T> {
  value: T;
  itemsRead: number;
}

/**
 * The read model's storage. Implementations throw `DependencyUnavailableError` when the
 * storage cannot answer.
 */
export interface ProjectionStore {
  readMeta(): Promise<ProjectionMeta>;
  /** Members of the chunk whose marker is `markerId`, if that chunk was applied. */
  findChunk(markerId: string): Promise<string[] | undefined>;
  /**
   * Records that the chunk's members from `markerId` on are applied, under a marker of
   * their own: written when a redelivered batch ends inside an applied chunk, so that
   * the next delivery, which starts there, finds it.
   */
  putContinuation(markerId: string, members: string[], expiresAt: number): Promise<void>;
  /** Applies a chunk atomically, unless its marker exists or the meta revision moved on. */
  applyChunk(chunk: ChunkWrite): Promise<ChunkOutcome>;
  /** Histograms of the given buckets of a segment (absent buckets are missing from the map). */
  readBuckets(generation: number, segment: string, buckets: { granularity: Granularity; bucket: string }[]): Promise<Metered<Map<string, number[]>>>;
  /** Histograms of a segment's buckets of one granularity with keys from..to (inclusive). */
  readBucketRange(generation: number, segment: string, granularity: Granularity, from: string, to: string): Promise<Metered<Map<string, number[]>>>;
  /** Dimension → values seen. */
  readCatalog(generation: number): Promise<Metered<Record<string, string[]>>>;
}

/** Key of a bucket in the maps the store returns. */
export const bucketKey = (granularity: Granularity, bucket: string): string => `${granularity}|${bucket}`;
