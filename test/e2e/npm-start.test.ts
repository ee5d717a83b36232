import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/ports';
import { api } from '../support/stack';

const dataDir = mkdtempSync(join(tmpdir(), 'nps-start-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Pids of every process below `root`. */
const descendants = (root: number): number[] => {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid='])
    .toString()
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const walk = (pid: number) =>
    table
      .filter(([, ppid]) => ppid === pid)
      .forEach(([child]) => {
        found.push(child);
        walk(child);
      });
  walk(root);
  return found;
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** `npm start` as a user runs it; resolves with the ready line and how long it took. */
const npmStart = async (env: Record<string, string>) => {
  const started = Date.now();
  const child = spawn('npm', ['start'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  const ready = await new Promise<string>((resolve, reject) => {
    // how long a start takes is a bench figure, not a test's: a loaded machine only waits longer
    const timer = setTimeout(() => reject(new Error(`no ready line after 3 minutes:\n${output}`)), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = /NPS backend listening on http:\/\/127\.0\.0\.1:\d+/.exec(output)?.[0];
      if (line) {
        clearTimeout(timer);
        resolve(line);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  return { child, ready, readyMs: Date.now() - started };
};

const commandOf = (pid: number) => {
  try {
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)])
      .toString()
      .trim();
  } catch {
    return '(gone)';
  }
};

/**
 * Signals the process; resolves when it and every process it started are gone (or 30 s passed: it gives
 * itself 5, a loaded machine runs late), with what is left.
 */
const stopWith = async (child: ChildProcess, signal: NodeJS.Signals) => {
  const tree = descendants(child.pid!);
  const asked = Date.now();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
  while (tree.some(alive) && Date.now() - asked < 30_000) await new Promise((resolve) => setTimeout(resolve, 50));
  return { stoppedMs: Date.now() - asked, leftovers: tree.filter(alive).map(commandOf) };
};

describe('npm start', () => {
  it('prints the ready line, serves, and stops cleanly on SIGTERM and SIGINT, Java included; NPS_DATA_DIR keeps data', async () => {
    const port = await freePort();
    const env = { PORT: String(port), NPS_DATA_DIR: dataDir, NPS_LOG_EVENTS: 'false' };
    const first = await npmStart(env);
    expect(first.ready).toBe(`NPS backend listening on http://127.0.0.1:${port}`);
    const http = api(`http://127.0.0.1:${port}`);
    expect((await http.get('/healthz')).status).toBe(200);
    expect(
      (await http.post('/v1/responses', { responseId: 'kept-1', score: 10, submittedAt: '2026-11-20T10:15:00Z' }))
        .status,
    ).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rebuilt = execFileSync('npm', ['run', 'rebuild'], {
      env: { ...process.env, PORT: String(port) },
    }).toString();
    expect(rebuilt).toMatch(/rebuilt generation 2 \(was 1\): 1 events of 1 responses/);
    expect((await http.get('/v1/nps?from=2026-11-20&to=2026-11-20')).body.responses).toBe(1);
    const java = descendants(first.child.pid!).length;
    expect(java).toBeGreaterThan(0);
    const stopped = await stopWith(first.child, 'SIGTERM');
    expect(stopped.leftovers).toEqual([]);

    const second = await npmStart(env);
    expect((await http.get('/v1/responses/kept-1')).body.score).toBe(10);
    const again = await stopWith(second.child, 'SIGINT');
    expect(again.leftovers).toEqual([]);
    console.log(
      `npm start: ready in ${first.readyMs} ms (on-disk restart ${second.readyMs} ms); stopped in ` +
        `${stopped.stoppedMs} / ${again.stoppedMs} ms`,
    );
  }, 600_000);
});
