import type { Granularity } from '../../domain/buckets';
import type { CounterDelta } from '../../domain/projection';
import type { RespondentChange } from '../../domain/respondents/changes';
import type { RespondentResponse } from '../../domain/respondents/history';
import type { Combination } from '../../domain/segments';
import type { TermDelta, TermEntry } from '../../domain/term-counts';
import type { Tallies } from '../../domain/theme-tallies';
import type { ChunkEntry } from './outbox';

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
 * how many transactions ("groups") its coalesced writes take. Stored by the first
 * group's transaction; a redelivery finds it under its first record's ref.
 */
export interface ChunkDefinition {
  /** Ref of the chunk's first record. */
  key: string;
  /** Refs of every record the chunk covers, in stream order. */
  members: string[];
  /** Transactions the chunk's writes take (0 for a continuation, which writes nothing). */
  groupCount: number;
  /** Generation the chunk's counters go to. */
  generation: number;
  /** That generation's cut-over: events recorded before it are not counted (a rebuild's scan has them). */
  since?: string;
  /** Fingerprint of how the writes were split: a completion must split them the same way. */
  planHash: string;
}

/** A stored chunk and how many of its groups were written. */
export interface ChunkState extends ChunkDefinition {
  appliedGroups: number;
}

/** One transaction of a chunk: group 0 also stores the definition and checks the meta revision. */
export interface GroupWrite {
  chunk: ChunkDefinition;
  index: number;
  counters: CounterDelta[];
  catalog: Record<string, string[]>;
  /** Changes to term items (read, changed and written back, conditioned on their version). */
  terms?: TermDelta[];
  /** Changes to respondent views (read, changed and written back with their aggregates, conditioned on their version). */
  respondents?: RespondentChange[];
  respondentContext?: WriteGroup['respondentContext'];
  /** Group 0 only: events a running rebuild must still apply to its generation. */
  journal?: { generation: number; events: EventRef[] };
  /** Last group only: what the chunk's changes publish (written in the same transaction). */
  outbox?: ChunkEntry;
  /** Group 0 only: the meta revision the chunk was planned with. */
  metaRevision: number;
  /** Epoch seconds after which markers may expire (beyond the stream's 24 h retention). */
  expiresAt: number;
}

export type GroupOutcome = 'applied' | 'already-applied' | 'stale-meta';

/** One stored counter: the score histogram of a cell and the comment tallies beside it. */
export interface Counter {
  scores: number[];
  tallies: Tallies;
}

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
  /** The chunk stored under a record's ref, with how many of its groups were written. */
  findChunk(key: string): Promise<ChunkState | undefined>;
  /**
   * Stores a continuation: the rest of an applied chunk, under the ref of its next
   * member. Written when a redelivered batch ends inside an applied chunk, so that the
   * next delivery, which starts there, finds it.
   */
  putContinuation(chunk: ChunkDefinition, expiresAt: number): Promise<void>;
  /** Writes one group atomically, unless it was written or (group 0) the meta revision moved on. */
  applyGroup(write: GroupWrite): Promise<GroupOutcome>;
  /** Counters of the given buckets of a segment (absent buckets are missing from the map). */
  readBuckets(
    generation: number,
    segment: string,
    buckets: { granularity: Granularity; bucket: string }[],
  ): Promise<Metered<Map<string, Counter>>>;
  /** Counters of a segment's buckets of one granularity with keys from..to (inclusive). */
  readBucketRange(range: BucketRange): Promise<Metered<Map<string, Counter>>>;
  /** Dimension → values seen. */
  readCatalog(generation: number): Promise<Metered<Record<string, string[]>>>;
  /** The term items of a segment for the months from..to (`YYYY-MM`, inclusive), each term key → counts. */
  readTerms(generation: number, segment: string, fromMonth: string, toMonth: string): Promise<Metered<Map<string, TermEntry>[]>>;
}

/** A respondent view as stored: its key, respondentId, responses (event-time order), version and when it changed. */
export interface ProjectedView {
  key: string;
  respondentId: string;
  responses: RespondentResponse[];
  version: number;
  updatedAt: string;
}

/** The respondent side of the read model (SPEC §7). */
export interface RespondentReads {
  readView(generation: number, key: string): Promise<Metered<ProjectedView | undefined>>;
  /**
   * Up to `limit` views in the order they last changed (oldest first, or newest first), after
   * a list position (`lsk`); `exhausted` once no view follows. Eventually consistent (an index).
   */
  listViews(
    generation: number,
    page: { after: string | undefined; limit: number; newestFirst?: boolean },
  ): Promise<Metered<{ views: (ProjectedView & { position: string })[]; exhausted: boolean }>>;
  /** Aggregate items by sort key (`d|YYYY-MM-DD`, `m|YYYY-MM`), their counts; absent ones left out. */
  readAggregates(generation: number, sks: string[]): Promise<Metered<Record<string, number>[]>>;
  /** Every month aggregate item (the risk model's tallies sum them). */
  readMonthAggregates(generation: number): Promise<Metered<Record<string, number>[]>>;
}

/** The buckets of one segment and granularity with keys from..to (inclusive), in one generation. */
export interface BucketRange {
  generation: number;
  segment: string;
  granularity: Granularity;
  from: string;
  to: string;
}

/** One transaction's worth of counter changes. */
export interface WriteGroup {
  counters: CounterDelta[];
  catalog: Record<string, string[]>;
  /** Changes to term items. */
  terms?: TermDelta[];
  /** Changes to respondent views. */
  respondents?: RespondentChange[];
  /** With respondent changes: the segment combinations their transitions count in, and the instant the views change. */
  respondentContext?: { combinations: readonly Combination[]; updatedAt: string };
}

/**
 * What a rebuild needs of the read model's storage besides reading the meta: the same
 * store as the projector's, seen from the generation that is being built.
 */
export interface GenerationStore {
  readMeta(): Promise<ProjectionMeta>;
  /** Replaces the meta if it is still at `expectedRevision`; false when it moved on. */
  writeMeta(next: ProjectionMeta, expectedRevision: number): Promise<boolean>;
  /** Journal entries the projector wrote for a building generation. */
  listJournal(generation: number): Promise<{ key: string; events: EventRef[] }[]>;
  /** Adds a journal entry's changes to the generation and deletes the entry; idempotent per (entry, group). */
  applyJournalEntry(entry: { generation: number; key: string; groups: WriteGroup[] }): Promise<void>;
  /** Deletes every item of a generation (counters, catalogue, journal); returns how many. */
  deleteGeneration(generation: number): Promise<number>;
  /** Where a rebuild worker stands in its segment of the scan (undefined before its first page). */
  readCheckpoint(generation: number, segment: number): Promise<SegmentCheckpoint | undefined>;
  writeCheckpoint(generation: number, segment: number, checkpoint: SegmentCheckpoint): Promise<void>;
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

/** Key of a bucket in the maps the store returns. */
export const bucketKey = (granularity: Granularity, bucket: string): string => `${granularity}|${bucket}`;
