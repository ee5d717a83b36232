/**
 * `npm run bench`: the figures users judge the backend by, each measured side by side in
 * one run on the local stack (DynamoDB Local), written to bench/results/*.json and printed.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '../infra/local/stack';
import { STREAM_MAPPINGS } from '../infra/mappings';
import { measureBundles } from './bundle-sizes';
import { costPerMillion } from './cost';
import { measureWriteEfficiencies } from './write-efficiency';
import type { WriteMeter } from './write-meter';
import { meterWrites } from './write-meter';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const run = promisify(execFile);
const RESULTS = new URL('./results/', import.meta.url);
mkdirSync(RESULTS, { recursive: true });
const started = Date.now();
const log = (message: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
const save = (name: string, result: unknown) =>
  writeFileSync(
    new URL(`${name}.json`, RESULTS),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), ...(result as object) }, null, 2)}\n`,
  );
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

const generator = async (...args: string[]) => {
  const { stdout } = await run('node', ['--import', 'tsx', new URL('./load-generator.ts', import.meta.url).pathname, ...args], {
    maxBuffer: 1 << 24,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
};

const withStack = async <T>(options: LocalStackOptions, work: (stack: LocalStack) => Promise<T>): Promise<T> => {
  const stack = await startLocalStack({ port: 0, logLevel: 'ERROR', ...options });
  try {
    return await work(stack);
  } finally {
    await stack.stop();
  }
};

/** Ingest through the HTTP API vs raw PutItem to the same DynamoDB Local, rounds alternated, concurrency 32. */
const ingestStage = () =>
  withStack({}, async (stack) => {
    await generator('raw', stack.dynamoDbEndpoint, stack.tables.events, '500', '32', 'warm-raw');
    await generator('ingest', stack.url, '-', '500', '32', 'warm-api');
    const rounds: { raw: number; ingest: number }[] = [];
    for (let round = 0; round < 3; round++) {
      const raw = (await generator('raw', stack.dynamoDbEndpoint, stack.tables.events, '2000', '32', `raw-${round}`)).rate;
      const ingest = await generator('ingest', stack.url, '-', '2000', '32', `api-${round}`);
      if (ingest.errors) throw new Error(`${ingest.errors} ingest errors`);
      rounds.push({ raw, ingest: ingest.rate });
      log(`ingest round ${round + 1}: raw PutItem ${raw.toFixed(0)}/s, API ${ingest.rate.toFixed(0)}/s`);
    }
    const mean = (key: 'raw' | 'ingest') => rounds.reduce((sum, r) => sum + r[key], 0) / rounds.length;
    const result = {
      concurrency: 32,
      requestsPerRound: 2000,
      rounds,
      rawPutItemPerSecond: mean('raw'),
      ingestPerSecond: mean('ingest'),
      ratio: mean('ingest') / mean('raw'),
    };
    save('ingest', result);
    return result;
  });

/** Projection lag under a steady 200 responses/s for 60 s, and what each response cost the backend. */
const lagStage = () => {
  let meter: WriteMeter;
  return withStack(
    {
      instrument: (client) => {
        meter = meterWrites(client);
      },
    },
    async (stack) => {
      const steady = await generator('steady', stack.url, '-', '200', '60', 'steady');
      await stack.settled();
      const accepted = steady.accepted as number;
      const invocations = stack.invocations;
      const memoryGb: Record<string, number> = { ingestApi: 0.5, queryApi: 0.5, projector: 1, publisher: 1 };
      const lambda = Object.entries(invocations)
        .filter(([name]) => name !== 'queryApi')
        .reduce(
          (sum, [name, s]) => ({
            invocations: sum.invocations + s.count / accepted,
            gbSeconds: sum.gbSeconds + ((s.totalMs / 1000) * (memoryGb[name] ?? 1)) / accepted,
          }),
          { invocations: 0, gbSeconds: 0 },
        );
      const result = {
        rate: steady.targetRate,
        achievedRate: steady.achievedRate,
        seconds: 60,
        accepted,
        errors: steady.errors,
        statuses: steady.statuses,
        lagMs: steady.lagMs,
        lagFromSendMs: steady.lagFromSendMs,
        ingestLatencyMs: steady.ingestLatencyMs,
        clientConnections: 64,
        projectorMapping: STREAM_MAPPINGS.projector,
        perResponse: {
          plainWrites: (meter!.items - meter!.transactionalItems) / accepted,
          transactionalWrites: meter!.transactionalItems / accepted,
          itemsRead: meter!.itemsRead / accepted,
          eventsPublished: stack.bus.events().length / accepted,
          lambda,
        },
        invocations,
      };
      save('projection-lag', result);
      return result;
    },
  );
};

/** Items read and latency of /v1/nps over 30, 365 and 730 days and of a 90-point rolling series. */
const queryStage = () =>
  withStack({}, async (stack) => {
    const now = Date.now();
    const day = 86_400_000;
    const bodies = Array.from({ length: 6_000 }, (_, i) => ({
      responseId: `q-${i}`,
      score: i % 11,
      submittedAt: new Date(now - 60_000 - Math.floor(((i * 7919) % 7300) / 10) * day - (i % 24) * 3_600_000).toISOString(),
      segments: { region: ['eu', 'us', 'apac'][i % 3]!, plan: ['free', 'pro'][i % 2]! },
    }));
    for (let i = 0; i < bodies.length; i += 100) {
      await fetch(`${stack.url}/v1/responses/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ responses: bodies.slice(i, i + 100) }),
      });
    }
    await stack.settled();
    const to = new Date(now).toISOString().slice(0, 10);
    const from = (days: number) => new Date(now - (days - 1) * day).toISOString().slice(0, 10);
    const measure = async (name: string, path: string) => {
      const latencies: number[] = [];
      let itemsRead = 0;
      for (let i = 0; i < 40; i++) {
        const t = performance.now();
        const response = await fetch(`${stack.url}${path}`);
        await response.text();
        latencies.push(performance.now() - t);
        itemsRead = Number(response.headers.get('x-nps-items-read'));
      }
      return { name, path, itemsRead, latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) } };
    };
    const result = {
      responses: bodies.length,
      queries: [
        await measure('nps 30 days', `/v1/nps?segment=all&from=${from(30)}&to=${to}`),
        await measure('nps 365 days', `/v1/nps?segment=all&from=${from(365)}&to=${to}`),
        await measure('nps 730 days', `/v1/nps?segment=all&from=${from(730)}&to=${to}`),
        await measure('rolling 90 points, window 90', `/v1/nps/rolling?segment=all&window=90&from=${from(90)}&to=${to}`),
      ],
    };
    save('query-cost', result);
    return result;
  });

/** Bundled size and module init time (import of the bundle, no invocation) of each function. */
const coldStartStage = async () => {
  const bundles = measureBundles(new URL('./.assembly/', import.meta.url).pathname);
  const env = {
    ...process.env,
    EVENTS_TABLE: 'e',
    PERSONAL_DATA_TABLE: 'p',
    PROJECTIONS_TABLE: 'pr',
    OUTBOX_TABLE: 'o',
    INBOUND_DEAD_LETTER_QUEUE_URL: 'https://sqs/q',
    EVENT_BUS_NAME: 'b',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'x',
    AWS_SECRET_ACCESS_KEY: 'x',
    POWERTOOLS_TRACE_ENABLED: 'false',
  };
  const functions = [];
  for (const bundle of bundles) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { stdout } = await run(
        'node',
        [
          '-e',
          `const t=performance.now();await import(${JSON.stringify(bundle.file)});console.log(performance.now()-t)`,
          '--input-type=module',
        ],
        { env },
      );
      times.push(Number(stdout.trim().split('\n').at(-1)));
    }
    functions.push({ function: bundle.function, bytes: bundle.bytes, initMs: percentile(times, 50) });
  }
  const result = { node: process.version, note: 'module init of the bundle on this machine (Lambda runs Node.js 22 on arm64)', functions };
  save('cold-start', result);
  return result;
};

const main = async () => {
  log('ingest: API vs raw PutItem');
  const ingest = await ingestStage();
  log('projection lag: 200 responses/s for 60 s');
  const lag = await lagStage();
  log('write efficiency: coalesced vs naive, batches of 10, 100, 1000');
  const dynamo = await startDynamoDbLocal();
  const efficiency = await measureWriteEfficiencies({ endpoint: dynamo.endpoint, responses: 1_000, batchSizes: [10, 100, 1000] }).finally(
    () => dynamo.stop(),
  );
  save('write-efficiency', { results: efficiency });
  log('query cost');
  const query = await queryStage();
  log('cold start');
  const cold = await coldStartStage();
  const cost = costPerMillion(lag.perResponse);
  save('cost', { prices: (await import('./cost')).PRICES_USD, perResponse: lag.perResponse, usdPerMillionResponses: cost });

  const rows: [string, string][] = [
    [
      'ingest (HTTP API, concurrency 32)',
      `${ingest.ingestPerSecond.toFixed(0)}/s = ${(100 * ingest.ratio).toFixed(0)}% of raw PutItem (${ingest.rawPutItemPerSecond.toFixed(0)}/s)`,
    ],
    [
      'projection lag @ 200/s for 60 s (2xx → visible)',
      `p50 ${(lag.lagMs.p50 / 1000).toFixed(2)} s, p99 ${(lag.lagMs.p99 / 1000).toFixed(2)} s (from sending: p99 ${(lag.lagFromSendMs.p99 / 1000).toFixed(2)} s; achieved ${lag.achievedRate.toFixed(0)}/s, ${lag.errors} errors)`,
    ],
    ['ingest latency @ 200/s', `p50 ${lag.ingestLatencyMs.p50.toFixed(0)} ms, p99 ${lag.ingestLatencyMs.p99.toFixed(0)} ms`],
    ...efficiency.map((e): [string, string] => [
      `items written per response, batch ${e.batchSize}`,
      `coalesced ${e.coalesced.itemsPerResponse.toFixed(2)} vs naive ${e.naive.itemsPerResponse.toFixed(1)} → ${e.ratio.toFixed(1)}× fewer`,
    ]),
    ...query.queries.map((q): [string, string] => [
      q.name,
      `${q.itemsRead} items read, p50 ${q.latencyMs.p50.toFixed(1)} ms, p95 ${q.latencyMs.p95.toFixed(1)} ms`,
    ]),
    ...cold.functions.map((f): [string, string] => [
      `bundle ${f.function.replace(/Function[0-9A-F]+$/, '')}`,
      `${(f.bytes / 1024).toFixed(0)} KB, init ${f.initMs.toFixed(0)} ms`,
    ]),
    [
      'cost per million responses',
      `$${cost.total.toFixed(2)} (API ${cost.apiGateway.toFixed(2)}, Lambda ${(cost.lambdaRequests + cost.lambdaCompute).toFixed(2)}, DynamoDB ${(cost.dynamoDbWrites + cost.dynamoDbReads).toFixed(2)}, EventBridge ${cost.eventBridge.toFixed(2)})`,
    ],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`);
  writeFileSync(
    new URL('summary.md', RESULTS),
    `| figure | measured |\n| --- | --- |\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}\n`,
  );
  log(`done; results in bench/results/`);
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
