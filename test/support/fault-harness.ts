import type { StoredEvent } from '../../domain/events';
import { type ProjectableRecord, projectBatch } from '../../functions/projector/project-batch';
import { DependencyUnavailableError } from '../../functions/shared/errors';
import type { ProjectionStore } from '../../functions/shared/projection-store';
import { CrashError, deliverShard, type ScheduleStats } from './esm-simulator';
import { seededRandom } from './random';

export const COMBINATIONS = [['plan', 'region']];

/** Chances per store call of each injected fault. */
export interface FaultRates {
  transient: number;
  crashBefore: number;
  crashAfter: number;
}

/**
 * Wraps a projection store with injected faults. A crash marks the invocation as dead
 * (`crashed`), whatever the projector answers afterwards; a transient fault is a
 * throttle the projector must report as a partial failure.
 */
export const withFaults = (store: ProjectionStore, random: () => number, rates: FaultRates) => {
  const state = { crashed: false };
  const transient = () => {
    if (random() < rates.transient) throw new DependencyUnavailableError('injected throttle');
  };
  const faulty: ProjectionStore = {
    ...store,
    readMeta: async () => {
      transient();
      return store.readMeta();
    },
    findChunk: async (id) => {
      transient();
      return store.findChunk(id);
    },
    putContinuation: async (chunk, expiresAt) => {
      transient();
      return store.putContinuation(chunk, expiresAt);
    },
    applyGroup: async (write) => {
      if (random() < rates.crashBefore) {
        state.crashed = true;
        throw new CrashError('crash before write');
      }
      transient();
      const outcome = await store.applyGroup(write);
      if (random() < rates.crashAfter) {
        state.crashed = true;
        throw new CrashError('crash after write');
      }
      return outcome;
    },
  };
  return { faulty, state };
};

/** Runs one randomized schedule over sharded records against a store; returns its statistics. */
export const runSchedule = async (
  shards: ProjectableRecord[][],
  eventsOf: Map<string, StoredEvent[]>,
  store: ProjectionStore,
  seed: number,
  rates: FaultRates,
): Promise<ScheduleStats> => {
  const random = seededRandom(seed);
  const { faulty, state } = withFaults(store, random, rates);
  const stats: ScheduleStats = { invocations: 0, redeliveries: 0, partialFailures: 0, crashes: 0 };
  const deps = {
    projections: faulty,
    events: { readEvents: async (id: string) => eventsOf.get(id) ?? [] },
    combinations: COMBINATIONS,
    now: () => Date.UTC(2026, 10, 23),
  };
  const invoke = async (batch: ProjectableRecord[]) => {
    state.crashed = false;
    const result = await projectBatch(batch, deps);
    if (state.crashed) throw new CrashError('invocation died');
    return result;
  };
  const options = { random, maxBatchSize: 50 + Math.floor(random() * 400), redeliveryRate: 0.1, replayRate: 0.05 };
  await Promise.all(shards.map((records) => deliverShard(records, invoke, options, stats)));
  return stats;
};

export const byResponse = (events: StoredEvent[]) => {
  const map = new Map<string, StoredEvent[]>();
  for (const event of events) map.set(event.responseId, [...(map.get(event.responseId) ?? []), event]);
  return map;
};
