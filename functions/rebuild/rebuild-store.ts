import type { CounterDelta } from '../../domain/projection';
import type { EventRef, ProjectionMeta } from '../shared/projection-store';

/** One transaction's worth of counter changes. */
export interface WriteGroup {
  counters: CounterDelta[];
  catalog: Record<string, string[]>;
}

/** What a rebuild needs of the read model's storage, beyond what the projector uses. */
export interface RebuildStore {
  readMeta(): Promise<ProjectionMeta>;
  /** Replaces the meta if it is still at `expectedRevision`; false when it moved on. */
  writeMeta(next: ProjectionMeta, expectedRevision: number): Promise<boolean>;
  /** Writes counters and catalogue of a generation as absolute values (nothing else writes them yet). */
  putGeneration(generation: number, counters: CounterDelta[], catalog: Record<string, string[]>): Promise<void>;
  /** Journal entries the projector wrote for a building generation. */
  listJournal(generation: number): Promise<{ key: string; events: EventRef[] }[]>;
  /** Adds a journal entry's changes to the generation and deletes the entry; idempotent per (entry, group). */
  applyJournalEntry(generation: number, key: string, groups: WriteGroup[]): Promise<void>;
  /** Deletes every item of a generation (counters, catalogue, journal); returns how many. */
  deleteGeneration(generation: number): Promise<number>;
}
