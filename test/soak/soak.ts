/**
 * `npm run soak`: the local stack as it is run for months — `npm start` on NPS_DATA_DIR,
 * in a process of its own — under a steady load (default 150 responses/s for 10 minutes,
 * SOAK_RATE / SOAK_MINUTES). Samples the RSS of the node process and of DynamoDB Local's
 * java every 30 s and fails unless: no request failed (the client retries a 503 after its
 * Retry-After, as the contract asks clients to), every accepted response is counted, and each
 * process's peak RSS over the last half of the run stays within 15% of its peak over the second
 * quarter (after warm-up). Peak against peak, growth only: a leak raises the peaks, while the
 * garbage collector's sawtooth and memory handed back to the OS are not leaks (CI once failed on a
 * 278 → 225 MB drop). Prints the samples.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../infra/local/ports';
import { javaChildOf, rssMb, startBackend, stopBackend } from '../support/backend-process';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const RATE = Number(process.env.SOAK_RATE ?? 150);
const SAMPLE_MS = Number(process.env.SOAK_SAMPLE_SECONDS ?? 30) * 1000;
const TOLERANCE = 0.15;
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

const call = (url: string, method: string, body?: string): Promise<{ status: number; text: string }> =>
  new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, agent, headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {} },
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

/** Open-loop load: `RATE` submissions a second, each its own id; counts final statuses (and 503s met on the way as `-503`). */
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
  const backend = await startBackend(port, dataDir);
  const url = `http://127.0.0.1:${port}`;
  const javaPid = javaChildOf(backend.pid!);
  const samples: { minute: number; nodeMb: number; javaMb: number }[] = [];
  const started = Date.now();
  const sampler = setInterval(() => {
    const sample = { minute: (Date.now() - started) / 60_000, nodeMb: rssMb(backend.pid!), javaMb: rssMb(javaPid) };
    samples.push(sample);
    console.log(`[${sample.minute.toFixed(1)} min] node ${sample.nodeMb.toFixed(0)} MB, java ${sample.javaMb.toFixed(0)} MB`);
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
    report({ samples, statuses, accepted, counted });
  } finally {
    clearInterval(sampler);
    await stopBackend(backend);
    rmSync(dataDir, { recursive: true, force: true });
  }
};

/** Prints the figures and exits non-zero when a promise is broken. */
const report = ({
  samples,
  statuses,
  accepted,
  counted,
}: {
  samples: { minute: number; nodeMb: number; javaMb: number }[];
  statuses: Map<number, number>;
  accepted: number;
  counted: number;
}) => {
  const half = MINUTES / 2;
  const warm = samples.filter((s) => s.minute > half / 2 && s.minute <= half);
  if (warm.length === 0) warm.push(samples[0]!);
  const later = samples.filter((s) => s.minute > half);
  const peak = (of: typeof samples, key: 'nodeMb' | 'javaMb') => Math.max(...of.map((s) => s[key]));
  const reference = { minute: half, nodeMb: peak(warm, 'nodeMb'), javaMb: peak(warm, 'javaMb') };
  const drift = (key: 'nodeMb' | 'javaMb') => Math.max(0, peak(later, key) / reference[key] - 1);
  const errors = [...statuses].filter(([status]) => status >= 300).reduce((sum, [, n]) => sum + n, 0);
  console.log(
    `soak: ${MINUTES} min at ${RATE}/s on NPS_DATA_DIR — ${accepted} accepted, ${errors} errors (${statuses.get(-503) ?? 0}×503 retried by the client), ${counted} counted; ` +
      `peak RSS up to minute ${reference.minute.toFixed(1)}: node ${reference.nodeMb.toFixed(0)} MB (growth after ${(100 * drift('nodeMb')).toFixed(1)}%), ` +
      `java ${reference.javaMb.toFixed(0)} MB (growth after ${(100 * drift('javaMb')).toFixed(1)}%)`,
  );
  const broken = [
    errors > 0 && `${errors} requests failed: ${JSON.stringify(Object.fromEntries(statuses))}`,
    counted !== accepted && `${accepted} accepted but ${counted} counted`,
    drift('nodeMb') > TOLERANCE && 'node RSS not flat',
    drift('javaMb') > TOLERANCE && 'java RSS not flat',
  ].filter(Boolean);
  if (broken.length) {
    console.error(`soak failed: ${broken.join('; ')}`);
    process.exitCode = 1;
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
