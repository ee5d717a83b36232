/**
 * Load from a separate process (clients are not inside the server): `raw` PutItems to
 * DynamoDB, `ingest` POSTs to the API at a fixed concurrency, `steady` POSTs at a fixed
 * rate while watching /v1/nps to time when each accepted response becomes visible.
 * Prints one JSON line.
 *
 *   node --import tsx bench/load-generator.ts raw <dynamodb-endpoint> <table> <count> <concurrency> <prefix>
 *   node --import tsx bench/load-generator.ts ingest <api-url> - <count> <concurrency> <prefix>
 *   node --import tsx bench/load-generator.ts steady <api-url> - <rate/s> <seconds> <prefix>
 */

import { Agent, request } from 'node:http';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const [mode, target, table, a, b, prefix] = process.argv.slice(2) as [string, string, string, string, string, string];
/** Like a client's connection pool: at most this many requests in flight, over kept-alive connections. */
const MAX_IN_FLIGHT = 64;
const agent = new Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });
const now = Date.now();

const body = (i: number) =>
  JSON.stringify({
    responseId: `${prefix}-${i}`,
    score: i % 11,
    submittedAt: new Date(Date.now() - (i % 3600) * 1000).toISOString(),
    segments: {
      region: ['eu', 'us', 'apac', 'latam'][i % 4],
      plan: ['free', 'pro', 'enterprise'][i % 3],
      channel: ['email', 'web'][i % 2],
      survey: 'q4',
    },
  });
/** POST one response over the pooled connections; resolves with the status. */
const post = (i: number): Promise<number> =>
  new Promise((resolve, reject) => {
    const payload = body(i);
    const req = request(
      `${target}/v1/responses`,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });

const closedLoop = async (count: number, concurrency: number, one: (i: number) => Promise<unknown>) => {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await one(next++);
    }),
  );
  return count / ((performance.now() - started) / 1000);
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const main = async () => {
  if (mode === 'raw') {
    const client = new DynamoDBClient({
      endpoint: target,
      region: 'us-east-1',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
      requestHandler: new NodeHttpHandler({ connectionTimeout: 1_000 }),
    });
    const at = new Date(now).toISOString();
    const rate = await closedLoop(Number(a), Number(b), (i) =>
      client.send(
        new PutItemCommand({
          TableName: table,
          Item: {
            streamId: { S: `${prefix}-${i}` },
            version: { N: '1' },
            type: { S: 'ResponseSubmitted' },
            schemaVersion: { N: '1' },
            recordedAt: { S: at },
            data: {
              M: {
                score: { N: String(i % 11) },
                submittedAt: { S: at },
                segments: { M: { region: { S: 'eu' }, plan: { S: 'pro' } } },
                hasComment: { BOOL: false },
                hasRespondentId: { BOOL: false },
              },
            },
          },
          ConditionExpression: 'attribute_not_exists(version)',
        }),
      ),
    );
    return { mode, rate };
  }
  if (mode === 'ingest') {
    let errors = 0;
    const rate = await closedLoop(Number(a), Number(b), async (i) => {
      if ((await post(i)) !== 202) errors++;
    });
    return { mode, rate, errors };
  }
  // steady: fixed rate, with a monitor of the count visible in /v1/nps
  const rate = Number(a);
  const seconds = Number(b);
  const total = rate * seconds;
  const accepted: number[] = [];
  const sentAccepted: number[] = [];
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const visible: { at: number; count: number }[] = [];
  const today = new Date().toISOString().slice(0, 10);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  let sending = true;
  const monitor = (async () => {
    while (sending || visible.at(-1)!.count < accepted.length) {
      const response = await fetch(`${target}/v1/nps?from=${yesterday}&to=${today}`);
      visible.push({ at: performance.now(), count: ((await response.json()) as { responses: number }).responses });
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (!sending && performance.now() - accepted.at(-1)! > 60_000) break;
    }
  })();
  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  let errors = 0;
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    const sentAt = performance.now();
    const request = post(i)
      .then((status) => {
        const at = performance.now();
        statuses[status] = (statuses[status] ?? 0) + 1;
        latencies.push(at - sentAt);
        if (status === 202) {
          accepted.push(at);
          sentAccepted.push(sentAt);
        } else errors++;
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  }
  await Promise.all(inFlight);
  const achievedRate = total / ((performance.now() - started) / 1000);
  sending = false;
  await monitor;
  /** The k-th response (in the given order) is visible once the visible count reaches k. */
  const lagsFrom = (times: number[]) => {
    const sorted = [...times].sort((x, y) => x - y);
    const lags: number[] = [];
    let cursor = 0;
    sorted.forEach((at, k) => {
      while (cursor < visible.length && visible[cursor]!.count < k + 1) cursor++;
      if (cursor < visible.length) lags.push(Math.max(0, visible[cursor]!.at - at));
    });
    return lags.sort((x, y) => x - y);
  };
  const stats = (values: number[]) => {
    const sorted = [...values].sort((x, y) => x - y);
    return {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      max: sorted.at(-1),
    };
  };
  return {
    mode,
    targetRate: rate,
    achievedRate,
    accepted: accepted.length,
    errors,
    statuses,
    /** From the 2xx reaching the client to visible in /v1/nps (0 when the answer came later than the projection). */
    lagMs: stats(lagsFrom(accepted)),
    /** From sending the request to visible in /v1/nps. */
    lagFromSendMs: stats(lagsFrom(sentAccepted)),
    ingestLatencyMs: stats(latencies),
  };
};

main().then(
  (result) => console.log(JSON.stringify(result)),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
