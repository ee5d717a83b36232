import { measureBundles } from '../../test/support/measure/bundle-sizes';
import { execFileAsync, percentile, type Stage, save } from '../harness';

/** What the deployed functions read at init, with dummy values (nothing is called). */
const FUNCTION_ENV = {
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

/** Median of 5 module inits (import of the bundle, no invocation) in a fresh node each time. */
const initMs = async (file: string): Promise<number> => {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const script = `const t=performance.now();await import(${JSON.stringify(file)});console.log(performance.now()-t)`;
    const { stdout } = await execFileAsync('node', ['-e', script, '--input-type=module'], {
      env: { ...process.env, ...FUNCTION_ENV },
    });
    times.push(Number(stdout.trim().split('\n').at(-1)));
  }
  return percentile(times, 50);
};

/** Bundled size and module init time of each function. */
export const coldStartStage: Stage = {
  name: 'cold-start',
  run: async () => {
    const functions = [];
    for (const bundle of measureBundles(new URL('../.assembly/', import.meta.url).pathname)) {
      functions.push({ function: bundle.function, bytes: bundle.bytes, initMs: await initMs(bundle.file) });
    }
    save('cold-start', {
      node: process.version,
      note: 'module init of the bundle on this machine (Lambda runs Node.js 22 on arm64)',
      functions,
    });
    return functions.map((f) => [
      `bundle ${f.function.replace(/Function[0-9A-F]+$/, '')}`,
      `${(f.bytes / 1024).toFixed(0)} KB, init ${f.initMs.toFixed(0)} ms`,
    ]);
  },
};
