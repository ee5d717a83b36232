/**
 * `npm run soak`: the local stack as it is run for months — `npm start` on NPS_DATA_DIR,
 * in a process of its own — under a steady load (default 150 responses/s for 10 minutes,
 * SOAK_RATE / SOAK_MINUTES). Fails unless no request failed (the client retries a 503 after
 * its Retry-After, as the contract asks clients to) and every accepted response is counted.
 * It prints, without judging (CI failed on noise: a loaded machine moves DynamoDB Local's RSS),
 * whether memory stayed flat after warm-up (the first quarter), within 15% (`growthAfterWarmUp`):
 * - node: the heap left by each full GC, which the backend prints under `--trace-gc`, the
 *   lowest of the last quarter against the lowest of the second. Its RSS is sampled and
 *   printed but not judged: V8 lets garbage pile up to a multiple of the live data and grows
 *   that room lazily, so under steady load the RSS of a backend without a leak climbs for
 *   many minutes (CI saw 303 → 422 MB while heap snapshots 5 minutes apart held the same
 *   47 MB of live objects);
 * - DynamoDB Local's java: its RSS, the peak of the last half against the peak of the second
 *   quarter (peak against peak: memory handed back to the OS is not a leak; CI once failed on
 *   a 278 → 225 MB drop).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../infra/local/ports';
import { javaChildOf, rssMb, startBackend, stopBackend } from '../support/backend-process';
import { collectFullGcs, growthAfterWarmUp, type Sample } from './memory-trend';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const RATE = Number(process.env.SOAK_RATE ?? 150);
const SAMPLE_MS = Number(process.env.SOAK_SAMPLE_SECONDS ?? 30) * 1000;
const TOLERANCE = 0.15;
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

const call = (url: string, method: string, body?: string): Promise<{ status: number; text: string }> =>
  new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });

/**
 * One submission as a client following the contract sends it: a 503 is retried after its
 * Retry-After (a few times); answers the final status and how many 503s it met.
 */
const submit = async (url: string, body: string): Promise<{ status: number; unavailable: number }> => {
  for (let attempt = 1, unavailable = 0; ; attempt++) {
    const { status } = await call(`${url}/v1/responses`, 'POST', body);
    if (status !== 503 || attempt === 5) return { status, unavailable: unavailable + (status === 503 ? 1 : 0) };
    unavailable++;
    await new Promise((r) => setTimeout(r, 1_000));
  }
};

/**
 * Open-loop load: `RATE` submissions a second, each its own id; counts final statuses (and 503s met on the way as
 * `-503`).
 */
const load = async (url: string, until: number, statuses: Map<number, number>) => {
  const inFlight = new Set<Promise<void>>();
  const start = Date.now();
  const submittedAt = new Date(Date.now() - 60_000).toISOString();
  for (let i = 0; Date.now() < until; i++) {
    const body = JSON.stringify({
      responseId: `soak-${i}`,
      score: i % 11,
      submittedAt,
      segments: { region: ['eu', 'us', 'apac'][i % 3], plan: ['free', 'pro'][i % 2] },
    });
    const sent: Promise<void> = submit(url, body)
      .then(({ status, unavailable }) => {
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (unavailable) statuses.set(-503, (statuses.get(-503) ?? 0) + unavailable);
      })
      .catch(() => void statuses.set(0, (statuses.get(0) ?? 0) + 1))
      .finally(() => inFlight.delete(sent));
    inFlight.add(sent);
    const due = start + ((i + 1) * 1000) / RATE; // open loop: the i-th request leaves at its time, whatever the answers
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
  }
  await Promise.all(inFlight);
};

const main = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nps-soak-'));
  const port = await freePort();
  let started = Date.now();
  const gc = collectFullGcs(() => Date.now() - started);
  const backend = await startBackend(port, dataDir, { nodeArgs: ['--trace-gc'], onLine: gc.onLine });
  const url = `http://127.0.0.1:${port}`;
  const javaPid = javaChildOf(backend.pid!);
  const samples: { minute: number; nodeMb: number; javaMb: number }[] = [];
  started = Date.now();
  const sampler = setInterval(() => {
    const sample = { minute: (Date.now() - started) / 60_000, nodeMb: rssMb(backend.pid!), javaMb: rssMb(javaPid) };
    samples.push(sample);
    const sinceLast = gc
      .heap()
      .filter((h) => h.minute > sample.minute - SAMPLE_MS / 60_000)
      .map((h) => h.mb);
    const gcs = sinceLast.length ? `, heap after full GCs ${Math.min(...sinceLast)}–${Math.max(...sinceLast)} MB` : '';
    console.log(
      `[${sample.minute.toFixed(1)} min] node RSS ${sample.nodeMb.toFixed(0)} MB${gcs}, java RSS ` +
        `${sample.javaMb.toFixed(0)} MB`,
    );
  }, SAMPLE_MS);
  const statuses = new Map<number, number>();
  try {
    await load(url, started + MINUTES * 60_000, statuses);
    clearInterval(sampler);
    // a retried 503 whose first attempt had landed answers 200 duplicate: accepted all the same
    const accepted = (statuses.get(202) ?? 0) + (statuses.get(200) ?? 0);
    let counted = 0;
    for (
      const deadline = Date.now() + 120_000;
      Date.now() < deadline && counted < accepted;
      await new Promise((r) => setTimeout(r, 1_000))
    ) {
      counted = JSON.parse((await call(`${url}/v1/nps?from=2000-01-01&to=2100-12-31`, 'GET')).text).responses;
    }
    report({ samples, heap: gc.heap(), statuses, accepted, counted });
  } finally {
    clearInterval(sampler);
    await stopBackend(backend);
    rmSync(dataDir, { recursive: true, force: true });
  }
};

const describeGrowth = (name: string, { before, after, growth: g }: ReturnType<typeof growthAfterWarmUp>) =>
  `${name} ${before.toFixed(0)} MB then ${after.toFixed(0)} MB (growth ${(100 * g).toFixed(1)}%)`;

/** Prints the figures and exits non-zero when a promise is broken. */
const report = ({
  samples,
  heap,
  statuses,
  accepted,
  counted,
}: {
  samples: { minute: number; nodeMb: number; javaMb: number }[];
  heap: Sample[];
  statuses: Map<number, number>;
  accepted: number;
  counted: number;
}) => {
  const nodeHeap = growthAfterWarmUp(heap, MINUTES, 'floor');
  const nodeRss = growthAfterWarmUp(
    samples.map((s) => ({ minute: s.minute, mb: s.nodeMb })),
    MINUTES,
    'peak',
  );
  const javaRss = growthAfterWarmUp(
    samples.map((s) => ({ minute: s.minute, mb: s.javaMb })),
    MINUTES,
    'peak',
  );
  const errors = [...statuses].filter(([status]) => status >= 300).reduce((sum, [, n]) => sum + n, 0);
  console.log(
    `soak: ${MINUTES} min at ${RATE}/s on NPS_DATA_DIR — ${accepted} accepted, ${errors} errors ` +
      `(${statuses.get(-503) ?? 0}×503 retried by the client), ${counted} counted; ` +
      `after warm-up, ${describeGrowth('node heap after full GC (lowest, 2nd vs 4th quarter)', nodeHeap)} over ` +
      `${heap.length} full GCs; ` +
      `${describeGrowth('java peak RSS (2nd quarter vs 2nd half)', javaRss)}; node peak RSS, not judged: ` +
      `${describeGrowth('', nodeRss).trim()}`,
  );
  const broken = [
    errors > 0 && `${errors} requests failed: ${JSON.stringify(Object.fromEntries(statuses))}`,
    counted !== accepted && `${accepted} accepted but ${counted} counted`,
  ].filter(Boolean);
  // memory is a figure to read, not a verdict: a loaded machine moves DynamoDB Local's RSS by more than any bound
  const flat = nodeHeap.growth <= TOLERANCE && javaRss.growth <= TOLERANCE;
  console.log(`soak memory after warm-up: ${flat ? 'flat' : 'NOT flat'} within ${Math.round(TOLERANCE * 100)}%`);
  if (broken.length) {
    console.error(`soak failed: ${broken.join('; ')}`);
    process.exitCode = 1;
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
