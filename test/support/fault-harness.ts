import { createAnalyzer } from '../../domain/analysis/analyze';
import type { StoredEvent } from '../../domain/events';
import { type ProjectableRecord, projectBatch } from '../../functions/projection-engine/project-batch';
import type { ProjectionStore } from '../../functions/projection-engine/store';
import { PROJECTIONS } from '../../functions/projections';
import { DependencyUnavailableError } from '../../functions/shared/errors';
import { CrashError, deliverShard, type ScheduleStats } from './esm-simulator';
import {
  expectedCounters,
  expectedTallies,
  expectedTerms,
  generateHistory,
  mismatches,
  shardRecords,
  tallyMismatches,
} from './event-history';
import { historyEventSource } from './history-events';
import { expectedLoopCounts, loopDifferences } from './loop-counts-reference';
import { createMemoryProjectionStore } from './memory-projection-store';
import { seededRandom } from './random';
import { respondentDifferences } from './respondent-differences';
import { expectedAggregates, expectedViews } from './respondent-reference';
import { expectedIndex, storedIndex } from './response-reference';
import { outboxResponseRefs, responseEventRefs } from './response-refs';

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
 * throttle the projector must report as a partial failure. Every transaction may crash,
 * the writes ahead of a group included.
 */
export const withFaults = (store: ProjectionStore, random: () => number, rates: FaultRates) => {
  const state = { crashed: false };
  const transient = () => {
    if (random() < rates.transient) throw new DependencyUnavailableError('injected throttle');
  };
  const flaky =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      transient();
      return call(...args);
    };
  const faulty: ProjectionStore = {
    ...store,
    readMeta: flaky(store.readMeta),
    findChunk: flaky(store.findChunk),
    putContinuation: flaky(store.putContinuation),
    readDocuments: flaky(store.readDocuments),
    transact: async (transaction) => {
      if (random() < rates.crashBefore) {
        state.crashed = true;
        throw new CrashError('crash before write');
      }
      transient();
      const outcome = await store.transact(transaction);
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
export const runSchedule = async ({
  shards,
  eventsOf,
  store,
  seed,
  rates,
}: {
  shards: ProjectableRecord[][];
  eventsOf: Map<string, StoredEvent[]>;
  store: ProjectionStore;
  seed: number;
  rates: FaultRates;
}): Promise<ScheduleStats> => {
  const random = seededRandom(seed);
  const { faulty, state } = withFaults(store, random, rates);
  const stats: ScheduleStats = { invocations: 0, redeliveries: 0, partialFailures: 0, crashes: 0 };
  const deps = {
    store: faulty,
    projections: PROJECTIONS,
    events: historyEventSource(eventsOf),
    analyzer: createAnalyzer(),
    combinations: COMBINATIONS,
    // the real clock: markers and outbox entries get TTLs from it, and DynamoDB Local deletes expired items
    now: Date.now,
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
  for (const event of events) {
    const stream = map.get(event.responseId);
    if (stream) stream.push(event);
    else map.set(event.responseId, [event]);
  }
  return map;
};

/** What a run of schedules found: the summed statistics and a line per schedule that went wrong. */
export interface SchedulesOutcome {
  totals: ScheduleStats & { transactions: number; writtenAhead: number };
  failures: string[];
}

export const SCHEDULE_EVENTS = 8_000; // events of each in-memory schedule: CI's 100 then end with its 10-minute soak
/**
 * Runs schedules `from`…`to − 1` (own seeds, 1–4 shards) of one history on the in-memory store; compares each with a
 * fold from scratch.
 */
export const runMemorySchedules = async ({ from, to }: { from: number; to: number }): Promise<SchedulesOutcome> => {
  const events = generateHistory(SCHEDULE_EVENTS, seededRandom(1));
  const expected = {
    counters: expectedCounters(events, COMBINATIONS),
    tallies: expectedTallies(events, COMBINATIONS),
    terms: canonicalTerms(expectedTerms(events, COMBINATIONS)),
    detractors: JSON.stringify(responseEventRefs(events)),
    views: expectedViews(events),
    aggregates: expectedAggregates(events, COMBINATIONS),
    loop: expectedLoopCounts(events, COMBINATIONS),
  };
  const eventsOf = byResponse(events);
  const index = expectedIndex(eventsOf);
  const totals = { invocations: 0, redeliveries: 0, partialFailures: 0, crashes: 0, transactions: 0, writtenAhead: 0 };
  const failures: string[] = [];
  for (let schedule = from; schedule < to; schedule++) {
    const memory = createMemoryProjectionStore();
    const shards = shardRecords(events, 1 + (schedule % 4));
    const stats = await runSchedule({
      shards,
      eventsOf,
      store: memory.store,
      seed: 1000 + schedule,
      rates: MEMORY_FAULT_RATES,
    });
    for (const key of Object.keys(stats) as (keyof ScheduleStats)[]) totals[key] += stats[key];
    totals.transactions += memory.stats.transactions;
    totals.writtenAhead += memory.stats.ahead;
    failures.push(...differences(memory, expected).map((difference) => `schedule ${schedule}: ${difference}`));
    const stored = storedIndex(memory.state);
    if (stored.join('\n') !== index.join('\n')) {
      const wrong = stored.find((l, i) => l !== index[i]) ?? 'missing lines';
      failures.push(
        `schedule ${schedule}: response index differs (${stored.length} vs ${index.length}), e.g. ${wrong}`,
      );
    }
  }
  return { totals, failures };
};

/** What a store holds after a schedule that differs from the fold from scratch. */
const differences = (
  memory: ReturnType<typeof createMemoryProjectionStore>,
  expected: {
    counters: Map<string, number[]>;
    tallies: Map<string, Record<string, number>>;
    terms: string[];
    detractors: string;
    views: string[];
    aggregates: string[];
    loop: string[];
  },
): string[] => {
  const found: string[] = [];
  const wrong = mismatches(memory.counters(1), expected.counters);
  if (wrong.length) found.push(`${wrong.length} cells differ, e.g. ${wrong[0]}`);
  const wrongTallies = tallyMismatches(memory.tallies(1), expected.tallies);
  if (wrongTallies.length) found.push(`${wrongTallies.length} cells' comment tallies differ, e.g. ${wrongTallies[0]}`);
  const terms = canonicalTerms(memory.terms(1));
  if (terms.join() !== expected.terms.join())
    found.push(`term counts differ, e.g. ${terms.find((t, i) => t !== expected.terms[i])}`);
  if (JSON.stringify(outboxResponseRefs(memory.outbox)) !== expected.detractors)
    found.push('outbox detractor and promoter refs differ');
  found.push(...respondentDifferences(memory, expected));
  return [...found, ...loopDifferences(memory.loop(1), expected.loop)];
};

/** Term counts as sorted lines, to compare a store's with the reference's. */
const canonicalTerms = (terms: Map<string, { count: number; detractorCount: number; promoterCount: number }>) =>
  [...terms].map(([id, t]) => `${id} ${t.count} ${t.detractorCount} ${t.promoterCount}`).sort();

/** Fault rates of the in-memory schedules: per store call. */
const MEMORY_FAULT_RATES: FaultRates = { transient: 0.015, crashBefore: 0.01, crashAfter: 0.015 };
