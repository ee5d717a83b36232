import { type ChildProcess, execFileSync, spawn } from 'node:child_process';

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

/**
 * `npm start` in a child process of its own (so that its memory can be measured apart from
 * the client's), on `dataDir` (DynamoDB Local in memory without); resolves once it prints that it listens.
 */
export const startBackend = (port: number, dataDir: string | undefined, env: Record<string, string> = {}): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn('node', ['--import', 'tsx', 'infra/local/main.ts'], {
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
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('NPS backend listening')) resolve(child);
      else process.stdout.write(chunk); // its error logs, for whoever reads the run
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
