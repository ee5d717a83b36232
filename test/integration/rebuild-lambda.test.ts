import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../domain/analysis/analyze';
import { PROJECTIONS } from '../../functions/projections';
import { decodeRecord } from '../../functions/projector/app';
import { createRebuildHandler } from '../../functions/rebuild/app';
import type { StartedRebuild } from '../../functions/rebuild/rebuild';
import { createDocumentClient } from '../../functions/shared/dynamodb';
import { createDynamoDbEventLog, createDynamoDbEventStore } from '../../functions/shared/dynamodb-event-store';
import { createDynamoDbProjectionStore } from '../../functions/shared/dynamodb-projection-store';
import { localLambdaContext } from '../../infra/local/lambda-context';
import { expectedCounters, generateHistory, mismatches } from '../support/event-history';
import { COMBINATIONS } from '../support/fault-harness';
import { readCounters } from '../support/items';
import { seededRandom } from '../support/random';
import { createTestTables, dynamoDbEndpoint } from '../support/stack';
import { storeHistory } from '../support/stored-history';
import { readStreamRecords } from '../support/stream-records';

describe('the rebuild Lambda driven as the state machine drives it', () => {
  it('start → one worker per segment, invoked again until done → finish: readers switch to a generation equal to a ' +
    'fold from scratch', async () => {
    const client = createDocumentClient({ endpoint: dynamoDbEndpoint(), timeoutMs: 10_000 });
    const tables = await createTestTables();
    const events = createDynamoDbEventStore({
      client,
      eventsTable: tables.events,
      personalDataTable: tables.personalData,
    });
    expect(new Set(await storeHistory(events, generateHistory(400, seededRandom(33))))).toEqual(new Set(['appended']));
    const stored = (await readStreamRecords(dynamoDbEndpoint(), tables.events)).map(decodeRecord).map((r) => r.event);
    const store = createDynamoDbProjectionStore({ client, table: tables.projections });
    const handler = createRebuildHandler({
      store,
      projections: PROJECTIONS,
      log: createDynamoDbEventLog({ client, eventsTable: tables.events }),
      events,
      combinations: COMBINATIONS,
      analyzer: createAnalyzer(),
      now: Date.now,
      settleMs: 10,
      pageSize: 30,
      logger: new Logger({ logLevel: 'SILENT' }),
    });
    // each invocation has time for about two pages: a worker stops short and is invoked again, as the Choice state does
    const context = () => {
      let calls = 0;
      return {
        ...localLambdaContext('nps-rebuild', 900_000),
        getRemainingTimeInMillis: () => (calls++ < 2 ? 900_000 : 60_000),
      };
    };
    const { started, tasks } = (await handler({ action: 'start', segments: 3 }, context())) as {
      started: StartedRebuild;
      tasks: unknown[];
    };
    let invocations = 0;
    await Promise.all(
      tasks.map(async (task) => {
        for (let done = false; !done; invocations++)
          done = ((await handler({ action: 'segment', task }, context())) as { done: boolean }).done;
      }),
    );
    await handler({ action: 'finish', started }, context());
    expect(invocations).toBeGreaterThan(tasks.length);
    expect((await store.readMeta()).current).toBe(started.generation);
    expect(
      mismatches(
        await readCounters(dynamoDbEndpoint(), tables.projections, started.generation),
        expectedCounters(stored, COMBINATIONS),
      ),
    ).toEqual([]);
    console.log(`rebuild Lambda as the state machine drives it: 3 segments, ${invocations} worker invocations`);
  }, 120_000);
});
