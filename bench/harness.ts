import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '../infra/local/stack';

/** Where every stage writes its JSON, and the summary table. */
export const RESULTS = new URL('./results/', import.meta.url);
export const execFileAsync = promisify(execFile);

const started = Date.now();

/** A progress line with the seconds since the bench started. */
export const log = (message: string) =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

/** Writes a stage's result as `bench/results/<name>.json`, stamped with the time it was measured. */
export const save = (name: string, result: object) => {
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(
    new URL(`${name}.json`, RESULTS),
    `${JSON.stringify({ measuredAt: new Date().toISOString(), ...result }, null, 2)}\n`,
  );
};

/** The p-th percentile (nearest rank) of some values. */
export const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

/** Runs the load generator in a process of its own (so that the load does not share the stack's event loop). */
export const generator = async (...args: string[]) => {
  const script = new URL('./load-generator.ts', import.meta.url).pathname;
  const { stdout } = await execFileAsync('node', ['--import', 'tsx', script, ...args], { maxBuffer: 1 << 24 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
};

/** Runs work against a fresh local stack (its own DynamoDB Local), stopped afterwards. */
export const withStack = async <T>(options: LocalStackOptions, work: (stack: LocalStack) => Promise<T>): Promise<T> => {
  const stack = await startLocalStack({ port: 0, logLevel: 'ERROR', ...options });
  try {
    return await work(stack);
  } finally {
    await stack.stop();
  }
};

/** One line of the summary table: the figure and what was measured (with its baseline, side by side). */
export type SummaryRow = [figure: string, measured: string];

/** A stage of the bench: measures, saves its JSON, and answers its summary rows (and what later stages may use). */
export interface Stage {
  name: string;
  /** Run only when named (too long for the default run). */
  optIn?: boolean;
  /** Why the stage cannot run on this machine (a missing prerequisite, and how to get it); undefined when it can. */
  unavailable?: () => string | undefined;
  run(context: Map<string, unknown>): Promise<SummaryRow[]>;
}

/** Submits responses through the HTTP API in batches of 100, as a platform team would; fails on any non-2xx. */
export const submitInBatches = async (url: string, responses: readonly object[]) => {
  for (let i = 0; i < responses.length; i += 100) {
    const answer = await fetch(`${url}/v1/responses/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ responses: responses.slice(i, i + 100) }),
    });
    if (!answer.ok) throw new Error(`POST /v1/responses/batch answered ${answer.status}`);
  }
};

/** Items read (`x-nps-items-read`) and latency percentiles of 40 calls of a query. */
export const measureQuery = async (url: string, name: string, path: string) => {
  const latencies: number[] = [];
  let itemsRead = 0;
  for (let i = 0; i < 40; i++) {
    const t = performance.now();
    const response = await fetch(`${url}${path}`);
    await response.text();
    latencies.push(performance.now() - t);
    itemsRead = Number(response.headers.get('x-nps-items-read'));
  }
  return { name, path, itemsRead, latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) } };
};
