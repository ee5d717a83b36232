import type { ProjectableRecord, ProjectionResult } from '../../functions/projection-engine/project-batch';

/** Thrown by fault injection to kill an invocation outright, after or before a write. */
export class CrashError extends Error {
  override name = 'CrashError';
}

export interface ScheduleStats {
  invocations: number;
  redeliveries: number;
  partialFailures: number;
  crashes: number;
}

export interface SimulatorOptions {
  random: () => number;
  maxBatchSize: number;
  /** Chance that a successful batch is delivered again (checkpoint lost). */
  redeliveryRate: number;
  /** Chance that the shard iterator restarts from an older delivery start. */
  replayRate: number;
}

/**
 * Delivers one shard's records to a projector the way Lambda's event source mapping
 * does, with the faults at-least-once delivery allows: batches of varying size, a
 * crashed invocation retried from the same start, a `failedAt` answer retried from that
 * record, successful batches delivered again, and replays from an earlier delivery
 * start. Never starts a delivery mid-way through an earlier one's records except at a
 * reported failure — the mapping's guarantee with bisection off.
 */
export const deliverShard = async (
  records: ProjectableRecord[],
  invoke: (batch: ProjectableRecord[]) => Promise<ProjectionResult>,
  options: SimulatorOptions,
  stats: ScheduleStats,
): Promise<void> => {
  const starts: number[] = [];
  let position = 0;
  while (position < records.length) {
    const batch = records.slice(position, position + 1 + Math.floor(options.random() * options.maxBatchSize));
    starts.push(position);
    stats.invocations++;
    position = nextPosition(
      { records, position, batch, starts, result: await invokeOrCrash(invoke, batch) },
      options,
      stats,
    );
  }
};

/** The invocation's answer, or `crashed` when it died (the mapping then retries the same batch start). */
const invokeOrCrash = async (
  invoke: (batch: ProjectableRecord[]) => Promise<ProjectionResult>,
  batch: ProjectableRecord[],
) => {
  try {
    return await invoke(batch);
  } catch (error) {
    if (!(error instanceof CrashError)) throw error;
    return 'crashed' as const;
  }
};

/**
 * Where the next delivery starts after an invocation: the same start, the failed record, an older start, or past the
 * batch.
 */
const nextPosition = (
  delivery: {
    records: ProjectableRecord[];
    position: number;
    batch: ProjectableRecord[];
    starts: number[];
    result: ProjectionResult | 'crashed';
  },
  { random, redeliveryRate, replayRate }: SimulatorOptions,
  stats: ScheduleStats,
): number => {
  const { records, position, batch, starts, result } = delivery;
  if (result === 'crashed') {
    stats.crashes++;
    return position;
  }
  if (result.failedAt !== undefined) {
    stats.partialFailures++;
    const failed = records.findIndex((record) => record.sequenceNumber === result.failedAt);
    if (failed < 0) throw new Error(`failedAt ${result.failedAt} is not a record of the shard`);
    return failed;
  }
  if (random() < redeliveryRate) {
    stats.redeliveries++;
    return position; // checkpoint lost: the same start again
  }
  if (random() < replayRate && starts.length > 1) {
    stats.redeliveries++;
    return starts[Math.floor(random() * starts.length)]!;
  }
  return position + batch.length;
};
