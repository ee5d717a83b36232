import { emptyHistogram } from '../../domain/histogram';
import { cellId } from '../../domain/projection';
import { type Aggregates, addAggregates, aggregatesDelta, aggregatesOf } from '../../domain/respondents/aggregates';
import { applyRespondentChange } from '../../domain/respondents/changes';
import type { RespondentResponse } from '../../domain/respondents/history';
import { applyTermDelta, type TermEntry } from '../../domain/term-counts';
import { addTallies, type Tallies } from '../../domain/theme-tallies';
import type { ChunkEntry } from '../../functions/shared/outbox';
import {
  bucketKey,
  type ChunkDefinition,
  type ChunkState,
  type Counter,
  type EventRef,
  type GroupOutcome,
  type GroupWrite,
  INITIAL_META,
  type ProjectionMeta,
  type ProjectionStore,
  type WriteGroup,
} from '../../functions/shared/projection-store';

/** What the in-memory store holds. */
interface MemoryState {
  /** `${generation}|${cellId}` → histogram. */
  counters: Map<string, number[]>;
  /** `${generation}|${cellId}` → comment tallies. */
  tallies: Map<string, Tallies>;
  /** `${generation}|${segment}|${month}` → term key → counts. */
  terms: Map<string, Map<string, TermEntry>>;
  /** `${generation}|${respondent key}` → view. */
  views: Map<string, { respondentId: string; responses: RespondentResponse[] }>;
  /** `${generation}` → respondent aggregates (transitions and risk examples). */
  aggregates: Map<number, Aggregates>;
  chunks: Map<string, { definition: ChunkDefinition; groups: Set<number> }>;
  journal: Map<string, EventRef[]>;
  catalog: Map<string, Set<string>>;
  meta: ProjectionMeta;
  outbox: ChunkEntry[];
  writes: number;
}

/** Why the transaction of a group would be cancelled: its marker exists, or (group 0) the meta moved on. */
const refusalOf = (state: MemoryState, write: GroupWrite): GroupOutcome | undefined => {
  const existing = state.chunks.get(write.chunk.key);
  if (write.index === 0 ? existing : existing?.groups.has(write.index)) return 'already-applied';
  if (write.index === 0 && write.metaRevision !== state.meta.revision) return 'stale-meta';
  if (write.index > 0 && !existing) throw new Error(`group ${write.index} of ${write.chunk.key} before group 0`);
  return undefined;
};

/** Adds a group's counter deltas and catalogue values to its generation. */
const applyContents = (state: MemoryState, generation: number, write: WriteGroup) => {
  for (const delta of write.counters) {
    const key = `${generation}|${cellId(delta)}`;
    const counts = state.counters.get(key) ?? emptyHistogram();
    for (const [score, count] of delta.scores.entries()) counts[score]! += count;
    state.counters.set(key, counts);
    state.tallies.set(key, addTallies(state.tallies.get(key) ?? {}, delta.tallies));
  }
  for (const delta of write.terms ?? []) {
    const key = `${generation}|${delta.id}`;
    state.terms.set(key, applyTermDelta(state.terms.get(key) ?? new Map(), delta.terms));
  }
  applyRespondents(state, generation, write);
  for (const [dimension, values] of Object.entries(write.catalog)) {
    const key = `${generation}|${dimension}`;
    state.catalog.set(key, new Set([...(state.catalog.get(key) ?? []), ...values]));
  }
};

/** Applies a group's respondent changes with the domain's rules, as the DynamoDB adapter does. */
const applyRespondents = (state: MemoryState, generation: number, write: WriteGroup) => {
  const combinations = write.respondentContext?.combinations ?? [];
  for (const change of write.respondents ?? []) {
    const key = `${generation}|${change.key}`;
    const view = state.views.get(key);
    const before = view?.responses ?? [];
    const next = applyRespondentChange(before, change);
    const delta = aggregatesDelta(aggregatesOf(before, combinations), aggregatesOf(next, combinations));
    state.aggregates.set(generation, addAggregates(state.aggregates.get(generation) ?? new Map(), delta));
    const respondentId = change.respondentId ?? view?.respondentId;
    if (next.length && respondentId !== undefined) state.views.set(key, { respondentId, responses: next });
    else state.views.delete(key);
  }
};

/** The bookkeeping of an applied group: its marker (group 0: the definition), outbox and journal entries. */
const recordGroup = (state: MemoryState, write: GroupWrite) => {
  const existing = state.chunks.get(write.chunk.key);
  if (write.index === 0) state.chunks.set(write.chunk.key, { definition: write.chunk, groups: new Set([0]) });
  else existing!.groups.add(write.index);
  if (write.outbox) state.outbox.push(write.outbox);
  if (write.journal?.events.length) state.journal.set(`${write.journal.generation}|${write.chunk.key}`, write.journal.events);
  state.writes +=
    write.counters.length + Object.keys(write.catalog).length + (write.terms?.length ?? 0) + (write.respondents?.length ?? 0) + 1;
};

const notUsed = async (): Promise<never> => {
  throw new Error('not used by the fault tests');
};

/**
 * The projection store's semantics in memory, for schedule searches too large to run
 * against DynamoDB Local: `applyGroup` is atomic, refuses an existing marker and a moved
 * meta revision, exactly as the DynamoDB adapter's transaction does. The same schedules
 * also run, fewer of them, against the real adapter.
 */
export const createMemoryProjectionStore = () => {
  const state: MemoryState = {
    counters: new Map(),
    tallies: new Map(),
    terms: new Map(),
    views: new Map(),
    aggregates: new Map(),
    chunks: new Map(),
    journal: new Map(),
    catalog: new Map(),
    meta: INITIAL_META,
    outbox: [],
    writes: 0,
  };
  const store: ProjectionStore = {
    readMeta: async () => state.meta,
    findChunk: async (key): Promise<ChunkState | undefined> => {
      const chunk = state.chunks.get(key);
      return chunk && { ...chunk.definition, appliedGroups: Math.min(chunk.definition.groupCount, chunk.groups.size) };
    },
    putContinuation: async (definition) => {
      state.chunks.set(definition.key, { definition, groups: new Set([0]) });
    },
    applyGroup: async (write: GroupWrite): Promise<GroupOutcome> => {
      await Promise.resolve();
      const refused = refusalOf(state, write);
      if (refused) return refused;
      applyContents(state, write.chunk.generation, write);
      recordGroup(state, write);
      return 'applied';
    },
    readBuckets: async (generation, segment, buckets) => {
      const found = new Map<string, Counter>();
      for (const { granularity, bucket } of buckets) {
        const counts = state.counters.get(`${generation}|${cellId({ segment, granularity, bucket })}`);
        if (counts)
          found.set(bucketKey(granularity, bucket), {
            scores: counts,
            tallies: { ...state.tallies.get(`${generation}|${cellId({ segment, granularity, bucket })}`) },
          });
      }
      return { value: found, itemsRead: found.size };
    },
    readBucketRange: notUsed,
    readCatalog: notUsed,
    readTerms: notUsed,
  };

  return {
    store,
    /** Counters of a generation, cell id → histogram, zero histograms left out. */
    counters: (generation: number) => {
      const prefix = `${generation}|`;
      const nonZero = [...state.counters].filter(([key, counts]) => key.startsWith(prefix) && counts.some((c) => c !== 0));
      return new Map(nonZero.map(([key, counts]) => [key.slice(prefix.length), counts]));
    },
    /** Comment tallies of a generation, cell id → tallies, empty ones left out. */
    tallies: (generation: number) => {
      const prefix = `${generation}|`;
      const nonEmpty = [...state.tallies].filter(([key, tallies]) => key.startsWith(prefix) && Object.keys(tallies).length > 0);
      return new Map(nonEmpty.map(([key, tallies]) => [key.slice(prefix.length), tallies]));
    },
    /** Term counts of a generation: `segment|month|term key` → counts (no zero entries are ever kept). */
    terms: (generation: number) => {
      const prefix = `${generation}|`;
      const found = new Map<string, TermEntry>();
      for (const [key, terms] of state.terms) {
        if (!key.startsWith(prefix)) continue;
        const [segment, month] = key.slice(prefix.length).split('|');
        for (const [term, entry] of terms) found.set(`${segment}|${month}|${term}`, entry);
      }
      return found;
    },
    /** Respondent views of a generation, key → respondentId and responses in event-time order. */
    views: (generation: number) =>
      new Map(
        [...state.views]
          .filter(([key]) => key.startsWith(`${generation}|`))
          .map(([key, view]) => [key.slice(`${generation}|`.length), view]),
      ),
    /** Respondent aggregates of a generation, zero attributes left out. */
    aggregates: (generation: number) => aggregatesDelta(new Map(), state.aggregates.get(generation) ?? new Map()),
    /** Adds a group's contents to a generation, as one transaction would (the rebuild's writes). */
    applyToGeneration: (generation: number, group: WriteGroup) => applyContents(state, generation, group),
    setMeta: (next: ProjectionMeta) => {
      state.meta = next;
    },
    journal: state.journal,
    outbox: state.outbox,
    writes: () => state.writes,
  };
};
