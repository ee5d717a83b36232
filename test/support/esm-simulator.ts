import type { ProjectableRecord, ProjectionResult } from '../../functions/projector/project-batch';

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
  { random, maxBatchSize, redeliveryRate, replayRate }: SimulatorOptions,
  stats: ScheduleStats,
): Promise<void> => {
  const starts: number[] = [];
  let position = 0;
  while (position < records.length) {
    const size = 1 + Math.floor(random() * maxBatchSize);
    const batch = records.slice(position, position + size);
    starts.push(position);
    stats.invocations++;
    let result: ProjectionResult;
    try {
      result = await invoke(batch);
    } catch (error) {
      if (!(error instanceof CrashError)) throw error;
      stats.crashes++;
      continue; // the mapping retries the same batch start
    }
    if (result.failedAt !== undefined) {
      stats.partialFailures++;
      position = records.findIndex((record) => record.sequenceNumber === result.failedAt);
      if (position < 0) throw new Error(`failedAt ${result.failedAt} is not a record of the shard`);
      continue;
    }
    if (random() < redeliveryRate) {
      stats.redeliveries++;
      continue; // checkpoint lost: the same start again
    }
    if (random() < replayRate && starts.length > 1) {
      stats.redeliveries++;
      position = starts[Math.floor(random() * starts.length)]!;
      continue;
    }
    position += batch.length;
  }
};
