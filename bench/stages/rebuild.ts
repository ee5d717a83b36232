import { createAnalyzer } from '../../domain/analysis/analyze';
import { PROJECTIONS } from '../../functions/projections';
import { runSegment } from '../../functions/rebuild/segment-worker';
import { createDocumentClient } from '../../functions/shared/dynamodb';
import { createDynamoDbEventLog, createDynamoDbEventStore } from '../../functions/shared/dynamodb-event-store';
import { createDynamoDbProjectionStore } from '../../functions/shared/dynamodb-projection-store';
import { meterWrites } from '../../test/support/measure/write-meter';
import { pickWith, seededRandom } from '../../test/support/random';
import { log, type Stage, save, submitInBatches, withStack } from '../harness';

const RESPONSES = 10_000;
const DAY_MS = 86_400_000;
/** The rebuild benches' 4 dimensions (the same workload shape at every size). */
export const DIMENSIONS = {
  region: ['eu', 'us', 'apac'],
  plan: ['free', 'pro'],
  channel: ['email', 'web', 'app'],
  survey: ['q1', 'q2', 'q3', 'q4'],
};
const COMMENTS = ['Livraison en retard', 'Great support, quick answer', 'Far too expensive', 'Personnel adorable'];

/**
 * Assumptions of the AWS estimate (docs/projections.md "Rebuild at scale"): a
 * TransactWriteItems of up to 100 items and a Scan or BatchGetItem page each take about
 * 25 ms from a Lambda in the table's region; an on-demand table serves at most 40,000
 * write units per second (the default table quota), and a transaction bills each item
 * twice.
 */
const AWS = { transactionMs: 25, readMs: 25, tableWriteUnitsPerSecond: 40_000 };

/** Backdated responses over two years, 4 dimensions, comments on 40%, a respondent on half. */
const workload = () => {
  const random = seededRandom(5);
  const pick = pickWith(random);
  const now = Date.now();
  return Array.from({ length: RESPONSES }, (_, i) => ({
    responseId: `rb-${i}`,
    score: Math.floor(random() * 11),
    submittedAt: new Date(now - Math.floor(random() * 730 * DAY_MS)).toISOString(),
    segments: Object.fromEntries(Object.entries(DIMENSIONS).map(([d, values]) => [d, pick(values)])),
    ...(random() < 0.4 ? { comment: pick(COMMENTS) } : {}),
    ...(random() < 0.5 ? { respondentId: `person-${i % 3000}` } : {}),
  }));
};

/** Peak heap growth while `work` runs, sampled every 20 ms. */
const peakHeapGrowth = async <T>(work: () => Promise<T>) => {
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 20);
  try {
    return { result: await work(), heapGrowthMb: (peak - base) / 1e6 };
  } finally {
    clearInterval(timer);
  }
};

/**
 * One rebuild worker alone over the whole event store (1 segment) of a local stack:
 * responses per second, the writes and reads it makes per response, and its heap growth;
 * then the wall time of 100 million responses on AWS at 16 and 64 segments, from those
 * counts and the assumptions above.
 */
export const rebuildStage: Stage = {
  name: 'rebuild',
  run: () =>
    withStack({}, async (stack) => {
      await submitInBatches(stack.url, workload());
      await stack.settled();
      log(`rebuild: ${RESPONSES} responses stored; one worker folds them into a spare generation`);
      const client = createDocumentClient({ endpoint: stack.dynamoDbEndpoint });
      const meter = meterWrites(client);
      const deps = {
        store: createDynamoDbProjectionStore({ client, table: stack.tables.projections }),
        projections: PROJECTIONS,
        log: createDynamoDbEventLog({ client, eventsTable: stack.tables.events }),
        events: createDynamoDbEventStore({
          client,
          eventsTable: stack.tables.events,
          personalDataTable: stack.tables.personalData,
        }),
        combinations: [],
        analyzer: createAnalyzer(),
        now: Date.now,
      };
      const started = performance.now();
      const task = { generation: 99, since: new Date(Date.now() + 1_000).toISOString(), segment: 0, segments: 1 };
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const { result, heapGrowthMb } = await peakHeapGrowth(() => runSegment(task, deps));
      const seconds = (performance.now() - started) / 1000 - 1.1;
      const perResponse = {
        writeRequests: meter.requests / result.responses,
        writeUnits: (meter.items + meter.transactionalItems) / result.responses,
        reads: meter.readRequests / result.responses,
      };
      const awsRate = 1000 / (perResponse.writeRequests * AWS.transactionMs + perResponse.reads * AWS.readMs);
      const estimate = (segments: number) => {
        const workerBound = 1e8 / (segments * awsRate);
        const tableBound = (1e8 * perResponse.writeUnits) / AWS.tableWriteUnitsPerSecond;
        return {
          segments,
          hours: Math.max(workerBound, tableBound) / 3600,
          bound: workerBound > tableBound ? 'workers' : 'table writes',
        };
      };
      const estimates = [estimate(16), estimate(64)];
      const rate = result.responses / seconds;
      save('rebuild', {
        responses: result.responses,
        pages: result.pages,
        seconds,
        rate,
        heapGrowthMb,
        perResponse,
        aws: AWS,
        awsRate,
        estimates,
      });
      return [
        [
          `rebuild, one worker over ${result.responses} responses (DynamoDB Local, ${result.pages} pages)`,
          `${rate.toFixed(0)} responses/s; ${perResponse.writeRequests.toFixed(2)} write requests, ` +
            `${perResponse.writeUnits.toFixed(1)} write units, ${perResponse.reads.toFixed(2)} reads per response; ` +
            `heap growth ${heapGrowthMb.toFixed(0)} MB`,
        ],
        [
          'rebuild of 100 million responses on AWS, estimated (assumptions in docs/projections.md)',
          estimates.map((e) => `${e.segments} segments ≈ ${e.hours.toFixed(1)} h (${e.bound} bound)`).join(', '),
        ],
      ];
    }),
};
