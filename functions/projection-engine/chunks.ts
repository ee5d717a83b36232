import type { StoredEvent } from '../../domain/events';
import { InvariantError } from '../shared/errors';
import { META_RETRY, retry } from '../shared/retry';
import { expiry, type Journal, planChunk, writeGroup, writeGroups } from './chunk-plan';
import type { ProjectableRecord, ProjectorDependencies } from './project-batch';
import type { Transition } from './projection';
import { type ChunkState, eventRef, type ProjectionMeta } from './store';
import { transitionsOf } from './transitions';

/** A chunk planned under a meta a rebuild has since moved on (`META_RETRY` plans it again). */
class StaleMeta extends Error {}

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
  const projections = deps.projections.map((projection) => projection.name);
  const plan = planChunk(
    { key: members[0]!, members, generation: meta.current, projections, ...(since ? { since } : {}) },
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
