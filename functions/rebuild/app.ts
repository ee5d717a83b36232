import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { countMetric, type Observability, observedHandler } from '../shared/observability';
import { sleep } from '../shared/retry';
import { finishRebuild, type RebuildDependencies, rebuild, type StartedRebuild, startRebuild } from './rebuild';
import { runSegment } from './segment-worker';

/** A worker stops taking pages when its invocation has less than this left (a page takes seconds). */
const WORKER_MARGIN_MS = 120_000;

const startedSchema = z.object({
  generation: z.int(),
  since: z.string(),
  previousGeneration: z.int(),
  abandonedGeneration: z.int().optional(),
  revision: z.int(),
});

/**
 * What the rebuild Lambda is asked, by the state machine (docs/projections.md) or by hand:
 * - `start`: announces the new generation, waits out the settle margin, and answers the
 *   segments' tasks for the Map state;
 * - `segment`: works through one segment until done or the invocation nears its timeout
 *   (answers `done`: the state machine invokes it again until then);
 * - `finish`: once every segment is done, applies the journal and switches readers;
 * - no action: the whole rebuild in this one invocation (small stores, the local stack).
 */
export const rebuildRequestSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('start'), segments: z.int().min(1).max(1_000) }),
  z.object({
    action: z.literal('segment'),
    task: z.object({ generation: z.int(), since: z.string(), segment: z.int().min(0), segments: z.int().min(1) }),
  }),
  z.object({ action: z.literal('finish'), started: startedSchema }),
  z.object({ action: z.literal('all') }),
]);

/**
 * The rebuild as a Lambda: the steps of the deployed state machine, or a whole rebuild in
 * one invocation. The local stack runs the same functions for `npm run rebuild`.
 */
type RebuildRequest = z.infer<typeof rebuildRequestSchema>;
type Deps = RebuildDependencies & Observability;

/** `start`: the new generation announced, the settle margin waited out, one task per segment for the Map state. */
const start = async (request: Extract<RebuildRequest, { action: 'start' }>, deps: Deps) => {
  const settleMs = deps.settleMs ?? 5_000;
  const started: StartedRebuild = await startRebuild(deps, settleMs);
  deps.logger.info('rebuild started', { ...started });
  await sleep(Math.max(0, Date.parse(started.since) - deps.now()) + settleMs);
  const tasks = Array.from({ length: request.segments }, (_, segment) => ({
    generation: started.generation,
    since: started.since,
    segment,
    segments: request.segments,
  }));
  return { started, tasks };
};

/**
 * `segment`: pages until done or the invocation nears its timeout; the metric counts the responses this invocation
 * folded.
 */
const segment = async ({ task }: Extract<RebuildRequest, { action: 'segment' }>, deps: Deps, context: Context) => {
  const keepGoing = () => context.getRemainingTimeInMillis() > WORKER_MARGIN_MS;
  const before = Date.now();
  const earlier = (await deps.store.readCheckpoint(task.generation, task.segment))?.responses ?? 0;
  const progress = await runSegment(task, { ...deps, keepGoing });
  countMetric(deps, 'RebuildResponsesFolded', progress.responses - earlier);
  deps.logger.info('rebuild segment progress', { ...task, ...progress, ms: Date.now() - before });
  return progress;
};

/**
 * The rebuild as a Lambda: the steps of the deployed state machine, or a whole rebuild in
 * one invocation. The local stack runs the same functions for `npm run rebuild`.
 */
export const createRebuildHandler = (deps: Deps) =>
  observedHandler<unknown, unknown>(deps).handler(async (event, context: Context) => {
    const request = rebuildRequestSchema.parse(
      event && typeof event === 'object' && 'action' in event ? event : { action: 'all' },
    );
    if (request.action === 'start') return start(request, deps);
    if (request.action === 'segment') return segment(request, deps, context);
    if (request.action === 'finish') {
      const finished = await finishRebuild(request.started, deps);
      deps.logger.info('rebuild finished', { ...request.started, ...finished });
      return { ...request.started, ...finished };
    }
    const result = await rebuild({ ...deps, progress: (message) => deps.logger.info(message) });
    deps.logger.info('rebuild finished', { ...result });
    return result;
  });
