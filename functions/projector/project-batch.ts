import type { StoredEvent } from '../../domain/events';
import { catalogOf, type Cell, cellId, createCounterFold, transitionCells } from '../../domain/projection';
import { applyEvent, foldResponse, type ResponseState } from '../../domain/response';
import type { Combination } from '../../domain/segments';
import type { EventStore } from '../shared/event-store';
import type { ChunkWrite, ProjectionMeta, ProjectionStore } from '../shared/projection-store';

/** A stream record of the event store, decoded. */
export interface ProjectableRecord {
  /** The stream record's eventID: stable across redeliveries. */
  eventId: string;
  sequenceNumber: string;
  event: StoredEvent;
}

export interface ProjectorDependencies {
  projections: ProjectionStore;
  events: Pick<EventStore, 'readEvents'>;
  combinations: readonly Combination[];
  now: () => number;
  /** Items one transaction may hold (DynamoDB: 100). */
  maxItemsPerChunk?: number;
  /** How long markers are kept; must exceed the stream's retention (24 h). */
  markerTtlSeconds?: number;
}

export interface ProjectionResult {
  /** Sequence number of the first record not applied (Lambda retries from it), if any. */
  failedAt?: string;
  error?: unknown;
  applied: number;
  skipped: number;
  chunks: number;
}

interface Transition {
  record: ProjectableRecord;
  before: ResponseState | undefined;
  after: ResponseState;
  /** The counters the transition may change, computed once. */
  cells: Cell[];
}

/** Marker, meta check and journal: the bookkeeping items of every chunk transaction. */
const BOOKKEEPING_ITEMS = 3;
const META_RETRIES = 5;

/**
 * Skips the records that earlier deliveries already applied. Every delivery starts at a
 * chunk boundary (a batch start, or the first record of the chunk reported failed), so
 * following the markers from the first record finds exactly the applied prefix. When a
 * redelivered batch is shorter than what was applied and ends inside a chunk, the rest
 * of that chunk gets a continuation marker: the next delivery starts right there.
 */
const skipApplied = async (records: ProjectableRecord[], deps: ProjectorDependencies): Promise<number> => {
  let index = 0;
  while (index < records.length) {
    const members = await deps.projections.findChunk(records[index]!.eventId);
    if (!members) break;
    const applied = new Set(members);
    while (index < records.length && applied.has(records[index]!.eventId)) index++;
    if (index === records.length) {
      const last = members.indexOf(records[index - 1]!.eventId);
      if (last >= 0 && last < members.length - 1) {
        await deps.projections.putContinuation(members[last + 1]!, members.slice(last + 1), markerExpiry(deps));
      }
    }
  }
  return index;
};

const markerExpiry = (deps: ProjectorDependencies): number => Math.floor(deps.now() / 1000) + (deps.markerTtlSeconds ?? 2 * 86_400);

/** The state of each response just before the first of its records in the batch. */
const priorStates = async (records: ProjectableRecord[], events: Pick<EventStore, 'readEvents'>): Promise<Map<string, ResponseState | undefined>> => {
  const firstVersion = new Map<string, number>();
  for (const { event } of records) if (!firstVersion.has(event.responseId)) firstVersion.set(event.responseId, event.version);
  const states = new Map<string, ResponseState | undefined>();
  const pending = [...firstVersion].filter(([, version]) => version > 1);
  const worker = async () => {
    for (let next = pending.shift(); next; next = pending.shift()) {
      const [responseId, version] = next;
      const stream = await events.readEvents(responseId);
      states.set(responseId, foldResponse(stream.filter((event) => event.version < version)));
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return states;
};

const transitionsOf = (records: ProjectableRecord[], prior: Map<string, ResponseState | undefined>, combinations: readonly Combination[]): Transition[] =>
  records.map((record) => {
    const before = prior.get(record.event.responseId);
    const after = applyEvent(before, record.event);
    prior.set(record.event.responseId, after);
    return { record, before, after, cells: transitionCells(before, after, combinations) };
  });

/** Cuts transitions into runs whose writes fit one transaction each. */
const chunksOf = (transitions: Transition[], maxItems: number): Transition[][] => {
  const chunks: Transition[][] = [];
  let current: Transition[] = [];
  const items = new Set<string>();
  for (const transition of transitions) {
    const touched = [...transition.cells.map(cellId), ...Object.keys(transition.after.segments).map((dimension) => `catalog|${dimension}`)];
    const added = touched.filter((item) => !items.has(item)).length;
    if (current.length && items.size + added + BOOKKEEPING_ITEMS > maxItems) {
      chunks.push(current);
      current = [];
      items.clear();
    }
    for (const item of touched) items.add(item);
    current.push(transition);
  }
  if (current.length) chunks.push(current);
  return chunks;
};

const chunkWrite = (chunk: Transition[], meta: ProjectionMeta, deps: ProjectorDependencies): ChunkWrite => {
  const fold = createCounterFold(deps.combinations);
  for (const { before, after, cells } of chunk) fold.add(before, after, cells);
  const catalog = Object.fromEntries([...catalogOf(chunk.map((t) => t.after))].map(([dimension, values]) => [dimension, [...values].sort()]));
  const building = meta.building;
  const journalEvents = building
    ? chunk.filter(({ record }) => record.event.recordedAt >= building.since).map(({ record }) => ({ responseId: record.event.responseId, version: record.event.version }))
    : [];
  return {
    markerId: chunk[0]!.record.eventId,
    members: chunk.map(({ record }) => record.eventId),
    markerExpiresAt: markerExpiry(deps),
    generation: meta.current,
    counters: fold.deltas(),
    catalog,
    ...(building && journalEvents.length ? { journal: { generation: building.generation, events: journalEvents } } : {}),
    metaRevision: meta.revision,
  };
};

/**
 * Projects a batch of event-store stream records into the read model with exactly-once
 * effect: coalesced into one transaction per chunk (one write per distinct counter),
 * each carrying a marker so that a redelivered or retried batch skips what it applied.
 * Stops at the first chunk that cannot be written and reports where to resume.
 *
 * @example
 * const result = await projectBatch(records, { projections, events, combinations: [], now: Date.now });
 * if (result.failedAt) return { batchItemFailures: [{ itemIdentifier: result.failedAt }] };
 */
export const projectBatch = async (records: ProjectableRecord[], deps: ProjectorDependencies): Promise<ProjectionResult> => {
  const maxItems = deps.maxItemsPerChunk ?? 100;
  let meta: ProjectionMeta;
  let skipped: number;
  let transitions: Transition[];
  try {
    meta = await deps.projections.readMeta();
    skipped = await skipApplied(records, deps);
    const remaining = records.slice(skipped);
    transitions = transitionsOf(remaining, await priorStates(remaining, deps.events), deps.combinations);
  } catch (error) {
    return { failedAt: records[0]?.sequenceNumber, error, applied: 0, skipped: 0, chunks: 0 };
  }
  let applied = 0;
  const chunks = chunksOf(transitions, maxItems);
  for (const chunk of chunks) {
    try {
      for (let attempt = 0; ; attempt++) {
        const write = chunkWrite(chunk, meta, deps);
        const outcome = await deps.projections.applyChunk(write);
        if (outcome !== 'stale-meta') break;
        if (attempt >= META_RETRIES) throw new Error('projection meta kept changing');
        meta = await deps.projections.readMeta();
      }
      applied += chunk.length;
    } catch (error) {
      return { failedAt: chunk[0]!.record.sequenceNumber, error, applied, skipped, chunks: chunks.length };
    }
  }
  return { applied, skipped, chunks: chunks.length };
};
