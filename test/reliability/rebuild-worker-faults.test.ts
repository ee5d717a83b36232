import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../domain/analysis/analyze';
import type { StoredEvent } from '../../domain/events';
import type { ProjectionStore } from '../../functions/projection-engine/store';
import { PROJECTIONS } from '../../functions/projections';
import { decodeRecord } from '../../functions/projector/app';
import { runSegment, type WorkerDependencies } from '../../functions/rebuild/segment-worker';
import { createDocumentClient } from '../../functions/shared/dynamodb';
import { createDynamoDbEventLog, createDynamoDbEventStore } from '../../functions/shared/dynamodb-event-store';
import { createDynamoDbProjectionStore } from '../../functions/shared/dynamodb-projection-store';
import { expectedCounters, generateHistory, historyPersonalData, mismatches } from '../support/event-history';
import { byResponse, COMBINATIONS } from '../support/fault-harness';
import { readCounters, readRespondents } from '../support/items';
import { createMemoryProjectionStore } from '../support/memory-projection-store';
import { memoryEventLog } from '../support/memory-rebuild';
import { seededRandom } from '../support/random';
import { respondentDifferences } from '../support/respondent-differences';
import { expectedAggregates, expectedViews } from '../support/respondent-reference';
import { createTestTables, dynamoDbEndpoint } from '../support/stack';
import { storeHistory } from '../support/stored-history';
import { readStreamRecords } from '../support/stream-records';

class Crash extends Error {}

/** A store whose pages crash at random: before or after any of their transactions, or before the checkpoint. */
const crashing = (store: ProjectionStore, random: () => number): ProjectionStore => ({
  ...store,
  transact: async (transaction) => {
    if (random() < 0.02) throw new Crash('killed before a transaction of the page');
    const outcome = await store.transact(transaction);
    if (random() < 0.03) throw new Crash('killed after a transaction of the page');
    return outcome;
  },
  writeCheckpoint: async (generation, segment, checkpoint) => {
    if (random() < 0.1) throw new Crash('killed before the checkpoint');
    await store.writeCheckpoint(generation, segment, checkpoint);
  },
});

const SEGMENTS = 3;

/** Runs every segment of a generation to its end through crashes and stops; answers how many of each. */
const runThroughFaults = async (
  deps: WorkerDependencies,
  task: { generation: number; since: string },
  random: () => number,
) => {
  const counts = { crashes: 0, stops: 0 };
  // a worker also stops at its deadline; the state machine (or the local loop) invokes it again
  const keepGoing = () => {
    if (random() > 0.2) return true;
    counts.stops++;
    return false;
  };
  for (let segment = 0; segment < SEGMENTS; segment++) {
    for (let done = false; !done; ) {
      done = await runSegment({ ...task, segment, segments: SEGMENTS }, { ...deps, keepGoing })
        .then((progress) => progress.done)
        .catch((error) => {
          if (!(error instanceof Crash)) throw error;
          counts.crashes++;
          return false;
        });
    }
  }
  return counts;
};

/**
 * The reference, the sentiment of comments left out (the worker re-analyses the synthetic texts with the real
 * analyzer).
 */
const referenceOf = (events: StoredEvent[]) => ({
  counters: expectedCounters(events, COMBINATIONS),
  views: expectedViews(events).map(withoutSentiment),
  aggregates: expectedAggregates(events, COMBINATIONS),
});
const withoutSentiment = (line: string) => line.replace(/:(positive|negative|neutral|mixed)\b/g, ':-');

const differences = async (
  found: { counters: Map<string, number[]>; respondents: Parameters<typeof respondentDifferences>[0] },
  expected: ReturnType<typeof referenceOf>,
) => {
  const wrong = mismatches(found.counters, expected.counters);
  const views = new Map(
    [...found.respondents.views(1)].map(([key, view]) => [
      key,
      { ...view, responses: view.responses.map(({ commentSentiment: _s, ...r }) => r) },
    ]),
  );
  return [
    ...(wrong.length ? [`${wrong.length} cells differ, e.g. ${wrong[0]}`] : []),
    ...respondentDifferences({ views: () => views, aggregates: found.respondents.aggregates }, expected),
  ];
};

describe('rebuild workers killed mid-segment', () => {
  it('in memory, 24 schedules: resume from their checkpoints, a page written again counts once, every generation ' +
    'equals a fold from scratch', async () => {
    const history = generateHistory(3_000, seededRandom(31));
    const expected = referenceOf(history);
    const streams = byResponse(history);
    const failures: string[] = [];
    const totals = { crashes: 0, stops: 0 };
    for (let schedule = 0; schedule < 24; schedule++) {
      const random = seededRandom(900 + schedule);
      const memory = createMemoryProjectionStore();
      const deps: WorkerDependencies = {
        store: crashing(memory.store, random),
        projections: PROJECTIONS,
        log: memoryEventLog(history, 10 + Math.floor(random() * 90)),
        events: {
          readEvents: async (id) => streams.get(id) ?? [],
          readPersonalData: async (ids) => new Map(ids.map((id) => [id, historyPersonalData(streams.get(id) ?? [])])),
          storeAnalyses: async () => undefined,
        },
        combinations: COMBINATIONS,
        analyzer: createAnalyzer(),
        now: Date.now,
        pageSize: 20 + Math.floor(random() * 100),
      };
      const counts = await runThroughFaults(deps, { generation: 1, since: '2100-01-01T00:00:00.000Z' }, random);
      totals.crashes += counts.crashes;
      totals.stops += counts.stops;
      const found = {
        counters: memory.counters(1),
        respondents: { views: () => memory.views(1), aggregates: () => memory.aggregates(1) },
      };
      failures.push(...(await differences(found, expected)).map((d) => `schedule ${schedule}: ${d}`));
    }
    console.log(
      `rebuild workers (memory): 24 schedules × ${SEGMENTS} segments of ${history.length} events; ` +
        `${JSON.stringify(totals)}; mismatching schedules: ${failures.length}`,
    );
    expect(failures).toEqual([]);
    expect(totals.crashes).toBeGreaterThan(100);
  }, 300_000);

  it('on DynamoDB Local, with the real adapter: the same after crashes', async () => {
    const client = createDocumentClient({ endpoint: dynamoDbEndpoint() });
    const tables = await createTestTables();
    const events = createDynamoDbEventStore({
      client,
      eventsTable: tables.events,
      personalDataTable: tables.personalData,
    });
    expect(new Set(await storeHistory(events, generateHistory(500, seededRandom(32))))).toEqual(new Set(['appended']));
    const stored = (await readStreamRecords(dynamoDbEndpoint(), tables.events)).map(decodeRecord).map((r) => r.event);
    const expected = referenceOf(stored);
    const store = createDynamoDbProjectionStore({ client, table: tables.projections });
    const failures: string[] = [];
    let crashes = 0;
    for (let schedule = 0; schedule < 2; schedule++) {
      const random = seededRandom(700 + schedule);
      const generation = 10 + schedule;
      const deps: WorkerDependencies = {
        store: crashing(store, random),
        projections: PROJECTIONS,
        log: createDynamoDbEventLog({ client, eventsTable: tables.events }),
        events,
        combinations: COMBINATIONS,
        analyzer: createAnalyzer(),
        now: Date.now,
        pageSize: 40,
      };
      crashes += (
        await runThroughFaults(deps, { generation, since: new Date(Date.now() + 60_000).toISOString() }, random)
      ).crashes;
      const found = {
        counters: await readCounters(dynamoDbEndpoint(), tables.projections, generation),
        respondents: await readRespondents(dynamoDbEndpoint(), tables.projections, generation),
      };
      failures.push(...(await differences(found, expected)).map((d) => `schedule ${schedule}: ${d}`));
    }
    console.log(
      `rebuild workers (DynamoDB Local): 2 schedules of ${stored.length} events; ${crashes} crashes; mismatching ` +
        `schedules: ${failures.length}`,
    );
    expect(failures).toEqual([]);
    expect(crashes).toBeGreaterThan(2);
  }, 300_000);
});
