import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../domain/analysis/analyze';
import { PROJECTIONS } from '../../functions/projections';
import { decodeRecord } from '../../functions/projector/app';
import { rebuild } from '../../functions/rebuild/rebuild';
import { createDocumentClient } from '../../functions/shared/dynamodb';
import { createDynamoDbEventLog, createDynamoDbEventStore } from '../../functions/shared/dynamodb-event-store';
import { createDynamoDbProjectionStore } from '../../functions/shared/dynamodb-projection-store';
import { DependencyUnavailableError } from '../../functions/shared/errors';
import { expectedCounters, generateHistory, mismatches } from '../support/event-history';
import { COMBINATIONS } from '../support/fault-harness';
import { readCounters } from '../support/items';
import { seededRandom } from '../support/random';
import { createTestTables, dynamoDbEndpoint } from '../support/stack';
import { storeHistory } from '../support/stored-history';
import { readStreamRecords } from '../support/stream-records';

describe('the rebuild', () => {
  it('in one invocation (npm run rebuild, the local stack): a step that met an unavailable store is retried, as the ' +
    'state machine does', async () => {
    const client = createDocumentClient({ endpoint: dynamoDbEndpoint(), timeoutMs: 10_000 });
    const tables = await createTestTables();
    const events = createDynamoDbEventStore({
      client,
      eventsTable: tables.events,
      personalDataTable: tables.personalData,
    });
    await storeHistory(events, generateHistory(300, seededRandom(33)));
    const stored = (await readStreamRecords(dynamoDbEndpoint(), tables.events)).map(decodeRecord).map((r) => r.event);
    const store = createDynamoDbProjectionStore({ client, table: tables.projections });
    let refused = 0;
    // the first checkpoint of each worker, the first journal read and the first delete meet a throttled store
    const seen = new Set<string>();
    const once = (key: string) => {
      if (seen.has(key)) return;
      seen.add(key);
      refused++;
      throw new DependencyUnavailableError(`injected: ${key}`);
    };
    const flaky: typeof store = {
      ...store,
      writeCheckpoint: async (generation, segment, checkpoint) => {
        once(`checkpoint ${segment}`);
        return store.writeCheckpoint(generation, segment, checkpoint);
      },
      listJournal: async (generation) => {
        once('journal');
        return store.listJournal(generation);
      },
      // after readers were switched: the retried finish must not try to switch again
      deleteGeneration: async (generation, models) => {
        once('delete');
        return store.deleteGeneration(generation, models);
      },
    };
    const result = await rebuild({
      store: flaky,
      projections: PROJECTIONS,
      log: createDynamoDbEventLog({ client, eventsTable: tables.events }),
      events,
      combinations: COMBINATIONS,
      analyzer: createAnalyzer(),
      now: Date.now,
      settleMs: 0,
      segments: 2,
      stepRetry: { attempts: 4, baseDelayMs: 20, maxDelayMs: 100 },
    });
    expect(refused).toBe(4);
    const counters = await readCounters(dynamoDbEndpoint(), tables.projections, result.generation);
    expect(mismatches(counters, expectedCounters(stored, COMBINATIONS))).toEqual([]);
  }, 120_000);
});
