import type { ItemKey } from './projection';
import type { Transaction, TransactionOutcome } from './transactions';

/**
 * Which generation of the read model readers use, and whether a rebuild is filling a
 * new one. Every projector write is conditioned on `revision`, so no write lands with a
 * stale view of the generations.
 */
export interface ProjectionMeta {
  revision: number;
  current: number;
  /**
   * Set when the current generation was built by a rebuild: events recorded before this
   * instant are in it from the rebuild's scan, so the projector must not add them again.
   */
  currentSince?: string;
  building?: { generation: number; since: string };
}

export const INITIAL_META: ProjectionMeta = { revision: 0, current: 1 };

/** A reference to one stored event. */
export interface EventRef {
  responseId: string;
  version: number;
}

/** `responseId:version` of a stored event: how the projector names stream records. */
export const eventRef = ({ responseId, version }: EventRef): string => `${responseId}:${version}`;

/**
 * What one delivery of stream records became: the records it covers (by event ref) and
 * how many transactions ("groups") its writes take. Stored by the first group's
 * transaction; a redelivery finds it under its first record's ref.
 */
export interface ChunkDefinition {
  /** Ref of the chunk's first record. */
  key: string;
  /** Refs of every record the chunk covers, in stream order. */
  members: string[];
  /** Transactions the chunk's writes take (0 for a continuation, which writes nothing). */
  groupCount: number;
  /** Generation the chunk's writes go to. */
  generation: number;
  /** That generation's cut-over: events recorded before it are not counted (a rebuild's scan has them). */
  since?: string;
  /** Fingerprint of how the writes were split: a completion must split them the same way. */
  planHash: string;
  /**
   * Names of the projections the chunk was planned with, so that it completes with the same
   * ones after a deploy adds one. Absent on chunks stored before chunks recorded them: those
   * were planned with every projection that has no `addedOn`.
   */
  projections?: string[];
}

/** A stored chunk and how many of its groups were written. */
export interface ChunkState extends ChunkDefinition {
  appliedGroups: number;
}

export type { DocumentValue, Guard, Transaction, TransactionOutcome, Write } from './transactions';

/** Items of a read, and how many stored items it cost. */
export interface Metered<T> {
  value: T;
  itemsRead: number;
}

/** A versioned document as stored: its version (0 when absent) and attributes. */
export interface StoredDocument {
  version: number;
  attributes: Record<string, unknown>;
}

/**
 * The items of one partition of a model whose sort keys lie in from..to (inclusive; the whole partition without them).
 */
export interface SortRange {
  model: string;
  partition: string;
  from?: string;
  to?: string;
  /** Only sort keys that start with this. */
  prefix?: string;
}

/** A rebuild worker's progress through its segment: after which event, whether it is done, and what it counted. */
export interface SegmentCheckpoint {
  after?: EventRef;
  done: boolean;
  pages: number;
  responses: number;
  events: number;
  reanalysed: number;
}

/** A page of a sort range's documents: after a sort key (exclusive, in the page's direction), at most `limit`. */
export interface DocumentPage extends SortRange {
  after?: string;
  limit: number;
  /** Highest sort keys first. */
  descending?: boolean;
}

/** A page of a model's documents in the order they last changed. */
export interface ListPage {
  after: string | undefined;
  limit: number;
  newestFirst?: boolean;
}

/**
 * The read model's storage, in the engine's and the read models' own terms: items are
 * named by model, partition and sort key, never by how an adapter stores them. The
 * DynamoDB adapter and the in-memory one used by the fault schedules implement it; the
 * engine takes the same decisions over both. Implementations throw
 * `DependencyUnavailableError` when the storage cannot answer.
 */
export interface ProjectionStore {
  readMeta(): Promise<ProjectionMeta>;
  /** Replaces the meta if it is still at `expectedRevision`; false when it moved on. */
  writeMeta(next: ProjectionMeta, expectedRevision: number): Promise<boolean>;
  /** The chunk stored under a record's ref, with how many of its groups were written. */
  findChunk(key: string): Promise<ChunkState | undefined>;
  /** Stores the rest of an applied chunk under the ref of its next member (a redelivery ending inside a chunk). */
  putContinuation(chunk: ChunkDefinition, expiresAt: number): Promise<void>;
  /** Writes a transaction atomically, unless a guard or a document's version refuses it. */
  transact(transaction: Transaction): Promise<TransactionOutcome>;
  /** Versioned documents by key (strongly consistent when `consistent`), absent ones at version 0. */
  readDocuments(generation: number, items: ItemKey[], consistent?: boolean): Promise<Metered<StoredDocument[]>>;
  /** Counts of items by key (absent ones empty). */
  readCounts(generation: number, items: ItemKey[]): Promise<Metered<Record<string, number>[]>>;
  /** Counts of the items of a sort range, with their sort keys, in order. */
  readCountRange(
    generation: number,
    range: SortRange,
  ): Promise<Metered<{ sort: string; counts: Record<string, number> }[]>>;
  /** Sets of the items of a sort range, with their sort keys, in order. */
  readSetRange(generation: number, range: SortRange): Promise<Metered<{ sort: string; values: string[] }[]>>;
  /** Documents of a sort range, with their sort keys, in order. */
  readDocumentRange(
    generation: number,
    range: SortRange,
  ): Promise<Metered<{ sort: string; document: StoredDocument }[]>>;
  /** One page of a sort range's documents; `more` when the range may hold others after it. */
  readDocumentPage(
    generation: number,
    page: DocumentPage,
  ): Promise<Metered<{ documents: { sort: string; document: StoredDocument }[]; more: boolean }>>;
  /** A page of a model's documents by `listKey` (eventually consistent); `exhausted` once none follows. */
  listDocuments(
    generation: number,
    model: string,
    page: ListPage,
  ): Promise<Metered<{ documents: { listKey: string; document: StoredDocument }[]; exhausted: boolean }>>;
  /** Journal entries the projector wrote for a building generation. */
  listJournal(generation: number): Promise<{ key: string; events: EventRef[] }[]>;
  /** Deletes every item of a generation (its models' items, journal, markers, checkpoints); answers how many. */
  deleteGeneration(generation: number, models: readonly string[]): Promise<number>;
  /** Where a rebuild worker stands in its segment of the scan (undefined before its first page). */
  readCheckpoint(generation: number, segment: number): Promise<SegmentCheckpoint | undefined>;
  writeCheckpoint(generation: number, segment: number, checkpoint: SegmentCheckpoint): Promise<void>;
}
