import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Resident memory of a process, MB (from `ps`). */
export const rssMb = (pid: number): number =>
  Number(
    execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
      .toString()
      .trim(),
  ) / 1024;

/** The DynamoDB Local (java) a backend process started. */
export const javaChildOf = (pid: number): number =>
  Number(
    execFileSync('pgrep', ['-P', String(pid), 'java'])
      .toString()
      .trim()
      .split('\n')[0],
  );

export interface BackendOptions {
  /** Extra environment for the backend. */
  env?: Record<string, string>;
  /** Extra node flags, before the entry point (e.g. `--trace-gc`). */
  nodeArgs?: string[];
  /** Called with each line the backend prints on stdout; without it, lines are passed through. */
  onLine?: (line: string) => void;
}

/**
 * `npm start` in a child process of its own (so that its memory can be measured apart from
 * the client's), on `dataDir` (DynamoDB Local in memory without); resolves once it prints that it listens.
 */
export const startBackend = (
  port: number,
  dataDir: string | undefined,
  options: BackendOptions = {},
): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const { env = {}, nodeArgs = [], onLine = (line: string) => process.stdout.write(`${line}\n`) } = options;
    const child = spawn('node', [...nodeArgs, '--import', 'tsx', 'infra/local/main.ts'], {
      env: {
        ...process.env,
        PORT: String(port),
        ...(dataDir ? { NPS_DATA_DIR: dataDir } : {}),
        NPS_LOG_EVENTS: 'false',
        NPS_LOG_LEVEL: 'ERROR',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('NPS backend listening')) resolve(child);
      else onLine(line); // its error logs, for whoever reads the run
    });
    child.once('exit', (code, signal) => {
      reject(new Error(`npm start exited with ${code}`));
      if (code !== 0 && signal !== 'SIGTERM') console.error(`the backend exited: code ${code}, signal ${signal}`);
    });
  });

/** Stops a backend started by `startBackend` and waits for its exit. */
export const stopBackend = async (backend: ChildProcess) => {
  backend.kill('SIGTERM');
  await new Promise((resolve) => backend.once('exit', resolve));
};
