import type { StoredEvent } from '../../domain/events';
import { InvariantError } from '../shared/errors';
import { META_RETRY, retry } from '../shared/retry';
import { type GroupOutcome, writeGroup as writeToStore } from './group-writer';
import { type Plan, type PlanWeights, planChanges } from './plan';
import type { ProjectableRecord, ProjectorDependencies } from './project-batch';
import type { Transition } from './projection';
import {
  type ChunkDefinition,
  type ChunkState,
  type EventRef,
  eventRef,
  type ProjectionMeta,
  type Write,
} from './store';
import { countedSince, transitionsOf } from './transitions';

/** How long markers are kept: beyond the stream's 24 h retention, so that any redelivery finds them. */
const MARKER_TTL_SECONDS = 2 * 86_400;

/** A chunk's writes, planned: its definition, its transaction groups, and what its last group publishes. */
interface ChunkPlan extends Plan {
  chunk: ChunkDefinition;
}

/** A chunk planned under a meta a rebuild has since moved on (`META_RETRY` plans it again). */
class StaleMeta extends Error {}

/**
 * What a group's transaction did: written, already written (its marker exists), or planned under a meta since moved on.
 */
type ChunkGroupOutcome = 'applied' | 'already-applied' | 'stale-meta';

const expiry = (deps: ProjectorDependencies): number => Math.floor(deps.now() / 1000) + MARKER_TTL_SECONDS;

const planChunk = (
  chunk: Omit<ChunkDefinition, 'groupCount' | 'planHash'>,
  transitions: Transition[],
  deps: ProjectorDependencies,
  weights?: PlanWeights,
): ChunkPlan => {
  const context = { combinations: deps.combinations, now: deps.now(), chunkKey: chunk.key };
  const plan = planChanges(deps.projections, countedSince(transitions, chunk.since), context, weights);
  return { ...plan, chunk: { ...chunk, groupCount: plan.groups.length, planHash: plan.planHash } };
};

/** Writes groups `from`… of a planned chunk, each in its own transaction. */
const writeGroups = async (
  plan: ChunkPlan,
  from: number,
  context: { meta: ProjectionMeta; deps: ProjectorDependencies },
) => {
  for (let index = from; index < plan.groups.length; index++) await writeGroup(plan, index, context);
};

/** Events a running rebuild must still apply to its generation, journaled by a chunk's group 0. */
type Journal = { generation: number; events: EventRef[] };

/**
 * One group of a chunk in one transaction: its marker (group 0: the chunk's definition)
 * and, in group 0, the meta check are its guards; group 0 carries the journal, the last
 * group the outbox entry.
 */
const writeGroup = async (
  plan: ChunkPlan,
  index: number,
  { meta, deps, journal }: { meta: ProjectionMeta; deps: ProjectorDependencies; journal?: Journal },
): Promise<ChunkGroupOutcome> => {
  const marker = { kind: 'chunk-group' as const, chunk: plan.chunk, index, expiresAt: expiry(deps) };
  const writes: Write[] = [
    ...(index === 0 && journal?.events.length ? [{ kind: 'journal' as const, key: plan.chunk.key, ...journal }] : []),
    ...(index === plan.groups.length - 1 && plan.outbox ? [{ kind: 'outbox' as const, entry: plan.outbox }] : []),
  ];
  const outcome: GroupOutcome = await writeToStore(deps.store, {
    generation: plan.chunk.generation,
    guards: index === 0 ? [marker, { kind: 'meta-revision', revision: meta.revision }] : [marker],
    writes,
    changes: plan.groups[index]!,
  });
  if (outcome.written) return 'applied';
  return outcome.refusedBy === 0 ? 'already-applied' : 'stale-meta';
};

/** The events a stored chunk covers, read back from the event store. */
const chunkEvents = async (state: ChunkState, deps: ProjectorDependencies): Promise<StoredEvent[]> => {
  const refs = state.members.map((ref) => ({
    responseId: ref.slice(0, ref.lastIndexOf(':')),
    version: Number(ref.slice(ref.lastIndexOf(':') + 1)),
  }));
  const streams = new Map<string, StoredEvent[]>();
  for (const { responseId } of refs)
    if (!streams.has(responseId)) streams.set(responseId, await deps.events.readEvents(responseId));
  return refs.map(({ responseId, version }) => {
    const event = streams.get(responseId)!.find((e) => e.version === version);
    if (!event)
      throw new InvariantError(`chunk ${state.key}: event ${responseId}:${version} is missing from the event store`);
    return event;
  });
};

/** Writes the groups of a stored chunk that are not written yet, planned exactly as the first delivery planned them. */
export const completeChunk = async (
  state: ChunkState,
  deps: ProjectorDependencies,
  meta: ProjectionMeta,
): Promise<number> => {
  if (state.appliedGroups >= state.groupCount) return 0;
  const transitions = await transitionsOf(await chunkEvents(state, deps), deps);
  const plans = [planChunk(state, transitions, deps), planChunk(state, transitions, deps, 'worst-case')];
  const plan = plans.find((p) => p.chunk.planHash === state.planHash && p.groups.length === state.groupCount);
  if (!plan) {
    throw new InvariantError(
      `chunk ${state.key} cannot be completed identically (were the segment combinations changed?)`,
    );
  }
  await writeGroups({ ...plan, chunk: state }, state.appliedGroups, { meta, deps });
  return state.groupCount - state.appliedGroups;
};

/** Stores the rest of a chunk under its next member, for a delivery that will start there. */
const continueChunk = async (chunk: ChunkState, lastSeen: string, deps: ProjectorDependencies) => {
  const rest = chunk.members.slice(chunk.members.indexOf(lastSeen) + 1);
  if (!rest.length) return;
  await deps.store.putContinuation(
    { key: rest[0]!, members: rest, groupCount: 0, generation: chunk.generation, planHash: '' },
    expiry(deps),
  );
};

/**
 * Skips the records that earlier deliveries applied. Every delivery starts at a chunk's
 * first record (a batch start, or the start of the chunk reported failed), so following
 * the stored chunks from the first record finds exactly the applied prefix; a chunk
 * found half-written is completed first. When a redelivered batch is shorter than the
 * chunk it ends in, the rest of that chunk gets a continuation under its next record.
 */
export const skipApplied = async (records: ProjectableRecord[], deps: ProjectorDependencies, meta: ProjectionMeta) => {
  let index = 0;
  let groups = 0;
  while (index < records.length) {
    const chunk = await deps.store.findChunk(eventRef(records[index]!.event));
    if (!chunk) break;
    groups += await completeChunk(chunk, deps, meta);
    const members = new Set(chunk.members);
    while (index < records.length && members.has(eventRef(records[index]!.event))) index++;
    if (index === records.length) await continueChunk(chunk, eventRef(records[index - 1]!.event), deps);
  }
  return { index, groups };
};

/**
 * The events of a chunk that a building generation must still get from the projector (recorded at or after its start).
 */
const journalOf = (records: ProjectableRecord[], meta: ProjectionMeta): Journal | undefined => {
  const building = meta.building;
  if (!building) return undefined;
  const events = records
    .filter((r) => r.event.recordedAt >= building.since)
    .map((r) => ({ responseId: r.event.responseId, version: r.event.version }));
  return { generation: building.generation, events };
};

/**
 * Tries to write a new chunk under a meta: group 0 (its definition, conditioned on the
 * meta revision), then the rest. Answers the groups written, or `stale-meta` when a
 * rebuild moved the meta on (replan and try again).
 */
const tryWriteChunk = async (
  records: ProjectableRecord[],
  transitions: Transition[],
  context: { meta: ProjectionMeta; deps: ProjectorDependencies },
) => {
  const { meta, deps } = context;
  const members = records.map((r) => eventRef(r.event));
  const since = meta.currentSince;
  const plan = planChunk(
    { key: members[0]!, members, generation: meta.current, ...(since ? { since } : {}) },
    transitions,
    deps,
  );
  const outcome = await writeGroup(plan, 0, { ...context, journal: journalOf(records, meta) });
  if (outcome === 'stale-meta') return 'stale-meta';
  if (outcome === 'applied') {
    await writeGroups(plan, 1, context);
    return plan.groups.length;
  }
  // a concurrent delivery defined this chunk first: finish it as it was defined
  const stored = await deps.store.findChunk(plan.chunk.key);
  return stored ? await completeChunk(stored, deps, meta) : 0;
};

/**
 * Writes a chunk of new records, replanning under the new meta when a rebuild moved it on; answers the groups written.
 */
export const writeChunk = async (
  records: ProjectableRecord[],
  deps: ProjectorDependencies,
  initialMeta: ProjectionMeta,
): Promise<{ groups: number; meta: ProjectionMeta }> => {
  const transitions = await transitionsOf(
    records.map((r) => r.event),
    deps,
  );
  let meta = initialMeta;
  return retry(
    async () => {
      const groups = await tryWriteChunk(records, transitions, { meta, deps });
      if (groups !== 'stale-meta') return { groups, meta };
      meta = await deps.store.readMeta();
      throw new StaleMeta();
    },
    {
      policy: META_RETRY,
      retryable: (error) => error instanceof StaleMeta,
      exhausted: () => new InvariantError('projection meta kept changing'),
    },
  );
};
