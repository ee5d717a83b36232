import { createHash } from 'node:crypto';
import type { StoredEvent } from '../../domain/events';
import { type Cell, type CounterDelta, catalogOf, createCounterFold, transitionCells } from '../../domain/projection';
import { applyEvent, foldResponse, type ResponseState } from '../../domain/response';
import { categoryOf } from '../../domain/score';
import type { Combination } from '../../domain/segments';
import { mapLimited } from '../shared/concurrency';
import type { EventStore } from '../shared/event-store';
import { type ChunkEntry, OUTBOX_TTL_SECONDS } from '../shared/outbox';
import {
  type ChunkDefinition,
  type ChunkState,
  eventRef,
  type GroupWrite,
  type ProjectionMeta,
  type ProjectionStore,
} from '../shared/projection-store';

/** A stream record of the event store, decoded. */
export interface ProjectableRecord {
  /** The stream record's eventID. */
  eventId: string;
  sequenceNumber: string;
  event: StoredEvent;
}

export interface ProjectorDependencies {
  projections: ProjectionStore;
  events: Pick<EventStore, 'readEvents'>;
  combinations: readonly Combination[];
  now: () => number;
  /** How long markers are kept; must exceed the stream's retention (24 h). */
  markerTtlSeconds?: number;
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

interface Transition {
  event: StoredEvent;
  before: ResponseState | undefined;
  after: ResponseState;
  cells: Cell[];
}

/** One item a group writes: a counter delta or a catalogue entry. */
type PlannedItem = { id: string; counter: CounterDelta } | { id: string; dimension: string; values: string[] };

/**
 * DynamoDB's transaction limit, and the bookkeeping items a group may hold besides its
 * counters: group 0 the definition, meta check and journal; later groups their marker;
 * the last group also the outbox entry.
 */
const TRANSACTION_ITEMS = 100;
const FIRST_GROUP_CAPACITY = TRANSACTION_ITEMS - 4;
const LATER_GROUP_CAPACITY = TRANSACTION_ITEMS - 2;
/** Records per chunk: keeps the stored definition small (a few bytes per record). */
const MAX_CHUNK_RECORDS = 1_000;
const META_RETRIES = 5;

const expiry = (deps: ProjectorDependencies): number => Math.floor(deps.now() / 1000) + (deps.markerTtlSeconds ?? 2 * 86_400);

/** The state of each response just before the first of the given events. */
const priorStates = async (
  events: StoredEvent[],
  store: Pick<EventStore, 'readEvents'>,
): Promise<Map<string, ResponseState | undefined>> => {
  const firstVersion = new Map<string, number>();
  for (const event of events) if (!firstVersion.has(event.responseId)) firstVersion.set(event.responseId, event.version);
  const states = new Map<string, ResponseState | undefined>();
  await mapLimited(
    [...firstVersion].filter(([, version]) => version > 1),
    16,
    async ([responseId, version]) => {
      states.set(responseId, foldResponse((await store.readEvents(responseId)).filter((event) => event.version < version)));
    },
  );
  return states;
};

/** Each event with the state of its response before and after it (prior states from the event store). */
export const transitionsOf = async (
  events: StoredEvent[],
  deps: Pick<ProjectorDependencies, 'events' | 'combinations'>,
): Promise<Transition[]> => {
  const states = await priorStates(events, deps.events);
  return events.map((event) => {
    const before = states.get(event.responseId);
    const after = applyEvent(before, event);
    states.set(event.responseId, after);
    return { event, before, after, cells: transitionCells(before, after, deps.combinations) };
  });
};

/**
 * Coalesces a chunk's transitions into one write per distinct item and splits them,
 * sorted by item id, into transaction-sized groups. A pure function of the chunk's
 * events and prior states: a later completion of the chunk splits it identically.
 */
export const planGroups = (transitions: Transition[], combinations: readonly Combination[]) => {
  const fold = createCounterFold(combinations);
  for (const { before, after, cells } of transitions) fold.add(before, after, cells);
  const items: PlannedItem[] = [
    ...fold.deltas().map((counter) => ({ id: `c|${counter.id}`, counter })),
    ...[...catalogOf(transitions.map((t) => t.after))].map(([dimension, values]) => ({
      id: `d|${dimension}`,
      dimension,
      values: [...values].sort(),
    })),
  ].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const groups: PlannedItem[][] = [items.slice(0, FIRST_GROUP_CAPACITY)];
  for (let i = FIRST_GROUP_CAPACITY; i < items.length; i += LATER_GROUP_CAPACITY) groups.push(items.slice(i, i + LATER_GROUP_CAPACITY));
  const planHash = createHash('sha256')
    .update(items.map((item) => item.id).join('\n'))
    .digest('base64url')
    .slice(0, 16);
  return { groups, planHash };
};

/** The counters and catalogue entries of one planned group. */
export const groupContents = (items: PlannedItem[]) => ({
  counters: items.flatMap((item) => ('counter' in item ? [item.counter] : [])),
  catalog: Object.fromEntries(items.flatMap((item) => ('dimension' in item ? [[item.dimension, item.values]] : []))) as Record<
    string,
    string[]
  >,
});

const withOutbox = (write: GroupWrite, outbox: ChunkEntry | undefined): GroupWrite => (outbox ? { ...write, outbox } : write);

const groupWrite = (
  chunk: ChunkDefinition,
  index: number,
  items: PlannedItem[],
  meta: ProjectionMeta,
  journal: GroupWrite['journal'],
  deps: ProjectorDependencies,
): GroupWrite => ({
  chunk,
  index,
  ...groupContents(items),
  ...(index === 0 && journal?.events.length ? { journal } : {}),
  metaRevision: meta.revision,
  expiresAt: expiry(deps),
});

/**
 * What a chunk publishes: the segments whose counters it changed, and the detractor
 * submissions it counted. Undefined when there is nothing to publish.
 */
const outboxEntry = (
  key: string,
  transitions: Transition[],
  groups: PlannedItem[][],
  deps: ProjectorDependencies,
): ChunkEntry | undefined => {
  const segments = [...new Set(groups.flat().flatMap((item) => ('counter' in item ? [item.counter.segment] : [])))].sort();
  const detractors = transitions
    .filter(
      ({ event, after }) => event.type === 'ResponseSubmitted' && after.status === 'active' && categoryOf(after.score) === 'detractor',
    )
    .map(({ event }) => ({ responseId: event.responseId, version: event.version }));
  if (!segments.length && !detractors.length) return undefined;
  const now = deps.now();
  return {
    id: `chunk#${key}`,
    kind: 'chunk',
    occurredAt: new Date(now).toISOString(),
    segments,
    detractors,
    expiresAt: Math.floor(now / 1000) + OUTBOX_TTL_SECONDS,
  };
};

/** Writes the groups of a stored chunk that are not written yet. */
const completeChunk = async (state: ChunkState, deps: ProjectorDependencies, meta: ProjectionMeta): Promise<number> => {
  if (state.appliedGroups >= state.groupCount) return 0;
  const refs = state.members.map((ref) => ({
    responseId: ref.slice(0, ref.lastIndexOf(':')),
    version: Number(ref.slice(ref.lastIndexOf(':') + 1)),
  }));
  const streams = new Map<string, StoredEvent[]>();
  for (const { responseId } of refs) if (!streams.has(responseId)) streams.set(responseId, await deps.events.readEvents(responseId));
  const events = refs.map(({ responseId, version }) => {
    const event = streams.get(responseId)!.find((e) => e.version === version);
    if (!event) throw new Error(`chunk ${state.key}: event ${responseId}:${version} is missing from the event store`);
    return event;
  });
  const transitions = counted(await transitionsOf(events, deps), state.since);
  const { groups, planHash } = planGroups(transitions, deps.combinations);
  if (planHash !== state.planHash || groups.length !== state.groupCount) {
    throw new Error(`chunk ${state.key} cannot be completed identically (were the segment combinations changed?)`);
  }
  const outbox = outboxEntry(state.key, transitions, groups, deps);
  for (let index = state.appliedGroups; index < state.groupCount; index++) {
    await deps.projections.applyGroup(
      withOutbox(groupWrite(state, index, groups[index]!, meta, undefined, deps), index === state.groupCount - 1 ? outbox : undefined),
    );
  }
  return state.groupCount - state.appliedGroups;
};

/**
 * Skips the records that earlier deliveries applied. Every delivery starts at a chunk's
 * first record (a batch start, or the start of the chunk reported failed), so following
 * the stored chunks from the first record finds exactly the applied prefix; a chunk
 * found half-written is completed first. When a redelivered batch is shorter than the
 * chunk it ends in, the rest of that chunk gets a continuation under its next record.
 */
const skipApplied = async (records: ProjectableRecord[], deps: ProjectorDependencies, meta: ProjectionMeta) => {
  let index = 0;
  let groups = 0;
  while (index < records.length) {
    const chunk = await deps.projections.findChunk(eventRef(records[index]!.event));
    if (!chunk) break;
    groups += await completeChunk(chunk, deps, meta);
    const members = new Set(chunk.members);
    while (index < records.length && members.has(eventRef(records[index]!.event))) index++;
    const last = chunk.members.indexOf(eventRef(records[index - 1]!.event));
    if (index === records.length && last < chunk.members.length - 1) {
      const rest = chunk.members.slice(last + 1);
      await deps.projections.putContinuation(
        { key: rest[0]!, members: rest, groupCount: 0, generation: chunk.generation, planHash: '' },
        expiry(deps),
      );
    }
  }
  return { index, groups };
};

/** The transitions a generation counts: none recorded before its cut-over (its rebuild's scan has those). */
const counted = (transitions: Transition[], since: string | undefined): Transition[] =>
  since ? transitions.filter((t) => t.event.recordedAt >= since) : transitions;

/** Writes a chunk of new records: group 0 (with its definition) under the current meta, then the rest. */
const writeChunk = async (
  records: ProjectableRecord[],
  deps: ProjectorDependencies,
  meta: ProjectionMeta,
): Promise<{ groups: number; meta: ProjectionMeta }> => {
  const transitions = await transitionsOf(
    records.map((r) => r.event),
    deps,
  );
  const members = records.map((r) => eventRef(r.event));
  for (let attempt = 0; ; attempt++) {
    const countedTransitions = counted(transitions, meta.currentSince);
    const { groups, planHash } = planGroups(countedTransitions, deps.combinations);
    const outbox = outboxEntry(members[0]!, countedTransitions, groups, deps);
    const last = groups.length - 1;
    const chunk: ChunkDefinition = {
      key: members[0]!,
      members,
      groupCount: groups.length,
      generation: meta.current,
      planHash,
      ...(meta.currentSince ? { since: meta.currentSince } : {}),
    };
    const building = meta.building;
    const journal = building && {
      generation: building.generation,
      events: records
        .filter((r) => r.event.recordedAt >= building.since)
        .map((r) => ({ responseId: r.event.responseId, version: r.event.version })),
    };
    const outcome = await deps.projections.applyGroup(
      withOutbox(groupWrite(chunk, 0, groups[0]!, meta, journal, deps), last === 0 ? outbox : undefined),
    );
    if (outcome === 'applied') {
      for (let index = 1; index < groups.length; index++) {
        await deps.projections.applyGroup(
          withOutbox(groupWrite(chunk, index, groups[index]!, meta, undefined, deps), index === last ? outbox : undefined),
        );
      }
      return { groups: groups.length, meta };
    }
    if (outcome === 'already-applied') {
      // a concurrent delivery defined this chunk first: finish it as it was defined
      const stored = await deps.projections.findChunk(chunk.key);
      return { groups: stored ? await completeChunk(stored, deps, meta) : 0, meta };
    }
    if (attempt >= META_RETRIES) throw new Error('projection meta kept changing');
    meta = await deps.projections.readMeta();
  }
};

/**
 * Projects a batch of event-store stream records into the read model with exactly-once
 * effect. The new records of a delivery form one chunk whose writes are coalesced (one
 * write per distinct counter) and split into as few transactions as DynamoDB allows;
 * each transaction carries the marker that makes it idempotent. Stops at the first
 * chunk that cannot be written and reports where to resume.
 *
 * @example
 * const result = await projectBatch(records, { projections, events, combinations: [], now: Date.now });
 * if (result.failedAt) return { batchItemFailures: [{ itemIdentifier: result.failedAt }] };
 */
export const projectBatch = async (records: ProjectableRecord[], deps: ProjectorDependencies): Promise<ProjectionResult> => {
  let meta: ProjectionMeta;
  let skipped: { index: number; groups: number };
  try {
    meta = await deps.projections.readMeta();
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
  return { applied, skipped: skipped.index, groups };
};
