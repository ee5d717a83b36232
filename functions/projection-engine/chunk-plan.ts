import { InvariantError } from '../shared/errors';
import { type GroupOutcome, writeGroup as writeToStore } from './group-writer';
import { type Plan, type PlanWeights, planChanges } from './plan';
import type { ProjectorDependencies } from './project-batch';
import type { Transition } from './projection';
import type { ChunkDefinition, EventRef, ProjectionMeta, Write } from './store';
import { countedSince } from './transitions';

/** A chunk's plan and its groups' transactions: what the projector writes for a delivery, and how. */

/** How long markers are kept: beyond the stream's 24 h retention, so that any redelivery finds them. */
const MARKER_TTL_SECONDS = 2 * 86_400;

/** A chunk's writes, planned: its definition, its transaction groups, and what its last group publishes. */
export interface ChunkPlan extends Plan {
  chunk: ChunkDefinition;
}

/**
 * What a group's transaction did: written, already written (its marker exists), or planned under a meta since moved on.
 */
type ChunkGroupOutcome = 'applied' | 'already-applied' | 'stale-meta';

export const expiry = (deps: ProjectorDependencies): number => Math.floor(deps.now() / 1000) + MARKER_TTL_SECONDS;

/**
 * The projections a chunk is planned with: those it recorded (a chunk completed after a
 * deploy added one keeps its own split), every projection for a new chunk, and for a chunk
 * stored before chunks recorded them, those that existed then.
 */
const projectionsOf = (chunk: Pick<ChunkDefinition, 'projections' | 'key'>, deps: ProjectorDependencies) => {
  if (!chunk.projections) return deps.projections.filter((projection) => !projection.addedOn);
  const named = deps.projections.filter((projection) => chunk.projections!.includes(projection.name));
  if (named.length !== chunk.projections.length) {
    throw new InvariantError(
      `chunk ${chunk.key} was planned with a projection this deployment lacks: ${chunk.projections}`,
    );
  }
  return named;
};

export const planChunk = (
  chunk: Omit<ChunkDefinition, 'groupCount' | 'planHash'>,
  transitions: Transition[],
  deps: ProjectorDependencies,
  weights?: PlanWeights,
): ChunkPlan => {
  const context = { combinations: deps.combinations, now: deps.now(), chunkKey: chunk.key };
  const plan = planChanges(projectionsOf(chunk, deps), countedSince(transitions, chunk.since), context, weights);
  return { ...plan, chunk: { ...chunk, groupCount: plan.groups.length, planHash: plan.planHash } };
};

/** Writes groups `from`… of a planned chunk, each in its own transaction. */
export const writeGroups = async (
  plan: ChunkPlan,
  from: number,
  context: { meta: ProjectionMeta; deps: ProjectorDependencies },
) => {
  for (let index = from; index < plan.groups.length; index++) await writeGroup(plan, index, context);
};

/** Events a running rebuild must still apply to its generation, journaled by a chunk's group 0. */
export type Journal = { generation: number; events: EventRef[] };

/**
 * One group of a chunk in one transaction: its marker (group 0: the chunk's definition)
 * and, in group 0, the meta check are its guards; group 0 carries the journal, the last
 * group the outbox entry.
 */
export const writeGroup = async (
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
