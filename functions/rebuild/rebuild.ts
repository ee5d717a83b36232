import { formatInstant } from '../../domain/instant';
import { foldIntoGeneration } from '../projection-engine/journal';
import type { ProjectionMeta, SegmentCheckpoint } from '../projection-engine/store';
import { transitionsOf } from '../projection-engine/transitions';
import { ConflictError, InvariantError, RetryableError } from '../shared/errors';
import { type RetryPolicy, retry, STEP_RETRY, sleep } from '../shared/retry';
import { runSegment, type WorkerDependencies } from './segment-worker';

export interface RebuildDependencies extends WorkerDependencies {
  /** Segments of the parallel scan, each worked through by its own worker (default 4 locally). */
  segments?: number;
  /**
   * Margin for clock skew between the servers that record events and this one, and for
   * projector batches in flight to see the new meta: the cut-over instant lies this far
   * ahead, and the scan starts this long after it. Default 5 s.
   */
  settleMs?: number;
  /** Told each step as it ends (the Lambda logs it). */
  progress?: (message: string) => void;
  /** How the one-invocation rebuild retries a step on a retryable error (default `STEP_RETRY`). */
  stepRetry?: RetryPolicy;
}

export interface RebuildResult {
  generation: number;
  previousGeneration: number;
  responses: number;
  events: number;
  segments: number;
  /** Pages the workers wrote (each at most RESPONSES_PER_PAGE responses). */
  pages: number;
  /** Stored analyses replaced by the re-analysis. */
  reanalysed: number;
  journalEntries: number;
  deletedItems: number;
  since: string;
}

/** Applies the journal the projector wrote for the generation (each entry exactly once); answers how many. */
const drainJournal = async (deps: RebuildDependencies, generation: number): Promise<number> => {
  const entries = await deps.store.listJournal(generation);
  for (const entry of entries) {
    const events = await Promise.all(
      entry.events.map(async ({ responseId, version }) => {
        const event = (await deps.events.readEvents(responseId)).find((e) => e.version === version);
        if (!event)
          throw new InvariantError(`journal ${entry.key}: event ${responseId}:${version} is not in the event store`);
        return event;
      }),
    );
    await foldIntoGeneration(deps, { generation, key: entry.key, transitions: await transitionsOf(events, deps) });
  }
  return entries.length;
};

/**
 * What starting a rebuild decided: the generation being built, its cut-over, the one it replaces, and the meta revision
 * it wrote.
 */
export interface StartedRebuild {
  generation: number;
  since: string;
  previousGeneration: number;
  /** A building generation left by an interrupted rebuild: deleted at the end. */
  abandonedGeneration?: number;
  revision: number;
}

/**
 * Announces generation G+1 as building from an instant `settleMs` ahead; every projector
 * write from then on journals for it. The workers may start once that instant (plus the
 * margin) has passed.
 */
export const startRebuild = async (
  deps: Pick<RebuildDependencies, 'store' | 'now'>,
  settleMs: number,
): Promise<StartedRebuild> => {
  const meta = await deps.store.readMeta();
  const generation = Math.max(meta.current, meta.building?.generation ?? 0) + 1;
  const since = formatInstant(deps.now() + settleMs);
  const building: ProjectionMeta = {
    revision: meta.revision + 1,
    current: meta.current,
    building: { generation, since },
  };
  if (!(await deps.store.writeMeta(building, meta.revision))) {
    throw new ConflictError('another rebuild changed the projection meta as this one started; it is running');
  }
  const abandoned =
    meta.building && meta.building.generation !== generation ? { abandonedGeneration: meta.building.generation } : {};
  return { generation, since, previousGeneration: meta.current, revision: building.revision, ...abandoned };
};

/**
 * Once every worker is done: applies the journal, switches readers to the new generation
 * (its cut-over recorded), applies what the journal got meanwhile, and deletes the old
 * generation (and one an interrupted rebuild left). Safe to run again after a failure: the
 * journal is applied once per entry, the switch is made once, deleting is idempotent.
 */
export const finishRebuild = async (started: StartedRebuild, deps: RebuildDependencies) => {
  const { generation, since, revision } = started;
  let journalEntries = await drainJournal(deps, generation);
  // a retried finish (a later step met a busy store) finds readers already switched
  const switched = (await deps.store.readMeta()).current === generation;
  if (
    !switched &&
    !(await deps.store.writeMeta({ revision: revision + 1, current: generation, currentSince: since }, revision))
  ) {
    throw new InvariantError('the projection meta changed during the rebuild; generation left unused');
  }
  journalEntries += await drainJournal(deps, generation);
  const models = deps.projections.flatMap((projection) => projection.models);
  let deletedItems = await deps.store.deleteGeneration(started.previousGeneration, models);
  if (started.abandonedGeneration !== undefined)
    deletedItems += await deps.store.deleteGeneration(started.abandonedGeneration, models);
  return { journalEntries, deletedItems };
};

const retryingStep = <T>(step: () => Promise<T>, policy: RetryPolicy = STEP_RETRY) =>
  retry(step, { policy, retryable: (error) => error instanceof RetryableError });

/** Workers a local rebuild runs (the deployed state machine: the `rebuildSegments` context, default 16). */
export const DEFAULT_LOCAL_SEGMENTS = 4;

const sumProgress = (progress: SegmentCheckpoint[]) => ({
  responses: progress.reduce((sum, p) => sum + p.responses, 0),
  events: progress.reduce((sum, p) => sum + p.events, 0),
  pages: progress.reduce((sum, p) => sum + p.pages, 0),
  reanalysed: progress.reduce((sum, p) => sum + p.reanalysed, 0),
});

/**
 * Replays the whole event store into a fresh generation of the read model and switches
 * readers to it, while the projector keeps running:
 * 1. the meta announces generation G+1 as building from instant T: from then on every
 *    projector transaction (conditioned on the meta revision) also journals its events
 *    recorded at or after T;
 * 2. after T (plus a settle margin) workers, one per segment of a parallel scan, fold
 *    per response the events recorded before T — the same fold the projector uses — into
 *    G+1, 500 responses at a time, each page written exactly once and checkpointed (a
 *    worker's memory is bounded by its page; a stopped worker resumes where it stood);
 * 3. the journal is applied to G+1 (exactly once per entry), the meta flips readers to
 *    G+1 with T as its cut-over, the journal is drained once more, and generation G is
 *    deleted.
 * Each event lands in G+1 exactly once: by the scan if recorded before T (the projector
 * skips those for G+1, however late they reach it), else by the journal or, after the
 * flip, by the projector itself. A rebuild writes no outbox entries, so it never publishes or alerts.
 *
 * @example
 * const result = await rebuild({ store, log, events, combinations: [], now: Date.now });
 */
export const rebuild = async (deps: RebuildDependencies): Promise<RebuildResult> => {
  const settleMs = deps.settleMs ?? 5_000;
  const say = deps.progress ?? (() => undefined);
  const started = await startRebuild(deps, settleMs);
  say(`building generation ${started.generation} from events recorded before ${started.since}`);
  await sleep(Math.max(0, Date.parse(started.since) - deps.now()) + settleMs);
  const segments = deps.segments ?? DEFAULT_LOCAL_SEGMENTS;
  const progress = await Promise.all(
    Array.from({ length: segments }, (_, segment) =>
      retryingStep(
        () => runSegment({ generation: started.generation, since: started.since, segment, segments }, deps),
        deps.stepRetry,
      ),
    ),
  );
  const scanned = sumProgress(progress);
  say(
    `${segments} workers folded ${scanned.events} events of ${scanned.responses} responses in ${scanned.pages} pages`,
  );
  say(`re-analysed comments with ${deps.analyzer.version}: ${scanned.reanalysed} analyses updated`);
  const finished = await retryingStep(() => finishRebuild(started, deps), deps.stepRetry);
  say(`switched readers to generation ${started.generation} (${finished.journalEntries} journal entries applied)`);
  return { ...started, ...scanned, segments, ...finished };
};
