import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useTestStack } from '../support/stack';

const run = promisify(execFile);
const { stack } = useTestStack();

/** The shell blocks of the README's walk through the API, in order, as a new user would paste them. */
const walk = (): string[] => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## A walk through the API'), readme.indexOf('## What it does'));
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((block) => block[1]!);
};

/** Every answer the walk printed that is JSON, one per curl (the wrapper ends each with a newline). */
const jsonAnswers = (output: string) =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));

describe('the README walk through the API', () => {
  it('runs top to bottom against a fresh stack, every answer a success, the queries not empty', async () => {
    const port = String(new URL(stack().url).port);
    const blocks = walk();
    expect(blocks).toHaveLength(3);
    let stdout = '';
    for (const [i, block] of blocks.entries()) {
      // where the walk waits for the projections, the test waits until they have settled (a busy machine is slower)
      if (i > 0) await stack().settled();
      // curl ends each answer with a newline; the commands are otherwise as written
      const script = `set -e\ncurl() { command curl -w '\\n' "$@"; }\n${block.replaceAll('localhost:3000', `127.0.0.1:${port}`)}`;
      const env = { ...process.env, PORT: port };
      stdout += (await run('bash', ['-c', script], { env, timeout: 240_000, maxBuffer: 1 << 24 })).stdout;
    }
    expect(stdout).not.toContain('urn:nps:problem');
    const answers = jsonAnswers(stdout);
    const nps = answers.find((a) => a.segment === 'all' && 'nps' in a);
    expect(nps?.responses).toBe(3);
    expect(answers.find((a) => 'themes' in a && 'commented' in a)?.commented).toBe(3);
    expect(answers.find((a) => a.respondentId === 'cust-42' && 'risk' in a)?.responses).toBe(2);
    expect(
      answers.find((a) => Array.isArray(a.items))?.items.map((v: { respondentId: string }) => v.respondentId),
    ).toEqual(['cust-7']);
    expect(answers.find((a) => Array.isArray(a.events))?.events.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status === 'erased')).toHaveLength(2);
    expect(answers.find((a) => 'recovery' in a)?.detractors).toBeGreaterThan(0);
    expect(answers.find((a) => a.followUpId === 'call-1')?.status).toBe('contacted');
    expect(stdout).toMatch(/rebuilt generation 2/);
  }, 300_000);
});
