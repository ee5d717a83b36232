import type { StoredEvent } from '../../domain/events';
import type { Combination } from '../../domain/segments';
import type { EventStore } from '../shared/event-store';
import { skipApplied, writeChunk } from './chunks';
import type { Projection } from './projection';
import type { ProjectionMeta, ProjectionStore } from './store';
import type { TransitionSources } from './transitions';

/** A stream record of the event store, decoded. */
export interface ProjectableRecord {
  /** The stream record's eventID. */
  eventId: string;
  sequenceNumber: string;
  event: StoredEvent;
}

export interface ProjectorDependencies extends TransitionSources {
  store: ProjectionStore;
  /** The read models every chunk is folded into (`PROJECTIONS`). */
  projections: readonly Projection[];
  events: Pick<EventStore, 'readEvents' | 'readPersonalData' | 'forgetErased'>;
  combinations: readonly Combination[];
  now: () => number;
}

export interface ProjectionResult {
  /** Sequence number of the first record not applied (Lambda retries from it), if any. */
  failedAt?: string;
  error?: unknown;
  applied: number;
  skipped: number;
  /** Transactions written. */
  groups: number;
}

/** Records per chunk: keeps the stored definition small (a few bytes per record). */
const MAX_CHUNK_RECORDS = 1_000;

/**
 * Projects a batch of event-store stream records into every read model with exactly-once
 * effect. The new records of a delivery form one chunk whose writes are coalesced (one
 * write per distinct item) and split into as few transactions as DynamoDB allows;
 * each transaction carries the marker that makes it idempotent. Stops at the first
 * chunk that cannot be written and reports where to resume.
 *
 * @example
 * const result = await projectBatch(records, { store, projections: PROJECTIONS, events, analyzer, combinations: [],
 * now: Date.now });
 * if (result.failedAt) return { batchItemFailures: [{ itemIdentifier: result.failedAt }] };
 */
export const projectBatch = async (
  records: ProjectableRecord[],
  deps: ProjectorDependencies,
): Promise<ProjectionResult> => {
  let meta: ProjectionMeta;
  let skipped: { index: number; groups: number };
  try {
    meta = await deps.store.readMeta();
    skipped = await skipApplied(records, deps, meta);
  } catch (error) {
    return { failedAt: records[0]?.sequenceNumber, error, applied: 0, skipped: 0, groups: 0 };
  }
  let applied = 0;
  let groups = skipped.groups;
  for (let start = skipped.index; start < records.length; start += MAX_CHUNK_RECORDS) {
    const chunk = records.slice(start, start + MAX_CHUNK_RECORDS);
    try {
      const written = await writeChunk(chunk, deps, meta);
      meta = written.meta;
      groups += written.groups;
      applied += chunk.length;
    } catch (error) {
      return { failedAt: chunk[0]!.sequenceNumber, error, applied, skipped: skipped.index, groups };
    }
  }
  await forgetErased(records, deps, meta);
  return { applied, skipped: skipped.index, groups };
};

/**
 * Once a batch is applied, deletes what its erasures left for the projections (the
 * analysis summaries). Not while a rebuild is building (its journal may still need them):
 * they expire after two days anyway, which is also the fallback if this delete fails.
 */
const forgetErased = async (records: ProjectableRecord[], deps: ProjectorDependencies, meta: ProjectionMeta) => {
  const erased = records.filter((r) => r.event.type === 'ResponseErased').map((r) => r.event.responseId);
  if (!erased.length || meta.building) return;
  await deps.events.forgetErased(erased).catch(() => undefined);
};
