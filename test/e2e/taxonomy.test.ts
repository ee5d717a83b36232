import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../domain/analysis/analyze';
import { loadAnalyzer } from '../../functions/shared/analyzer';
import type { LocalStack } from '../../infra/local/stack';
import { api, startTestStack } from '../support/stack';
import { submitAll } from '../support/submit';

const directory = mkdtempSync(join(tmpdir(), 'nps-themes-'));
const stacks: LocalStack[] = [];
afterAll(async () => {
  for (const stack of stacks) await stack.stop();
  rmSync(directory, { recursive: true, force: true });
});

const billing = {
  id: 'billing',
  label: 'Billing',
  keywords: { en: ['invoice', 'billed twice'], fr: ['facture', 'prélèvement'] },
};
const file = (name: string, content: unknown) => {
  const path = join(directory, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

const COMMENTS = [
  'I was billed twice and the invoice is wrong',
  'Deux prélèvements sur la même facture, inadmissible',
  'Great staff, quick delivery',
  'The invoice never arrived',
];

const themeIds = (answer: { body: { themes: { theme: string; mentions: number }[] } }) =>
  Object.fromEntries(answer.body.themes.map((t) => [t.theme, t.mentions]));

describe('custom taxonomy (NPS_THEMES_FILE)', () => {
  it('changes /v1/analyze at once, and stored analyses and aggregates after a rebuild', async () => {
    const before = await startTestStack({ rebuildSettleMs: 200 });
    stacks.push(before);
    const http = api(before.url);
    const responses = COMMENTS.map((comment, i) => ({
      responseId: `tx-${i}`,
      score: i === 2 ? 10 : 3,
      submittedAt: '2026-11-20T10:00:00Z',
      comment,
    }));
    await submitAll(http, responses);
    await before.settled();
    expect(themeIds(await http.get('/v1/themes?from=2026-11-01&to=2026-11-30'))).not.toHaveProperty('billing');
    await before.stop();

    const analyzer = loadAnalyzer({ NPS_THEMES_FILE: file('billing.json', { themes: [billing] }) });
    const prefix = before.tables.events.slice(0, before.tables.events.indexOf('Events'));
    const after = await startTestStack({ tablePrefix: prefix, analyzer, rebuildSettleMs: 200 });
    stacks.push(after);
    const next = api(after.url);
    const analysed = await next.post('/v1/analyze', { comments: [{ text: COMMENTS[0] }] });
    expect(analysed.body.results[0].themes.map((t: { theme: string }) => t.theme)).toContain('billing');
    // listed (every theme of the taxonomy is), but nothing stored was analysed with it yet
    expect(themeIds(await next.get('/v1/themes?from=2026-11-01&to=2026-11-30')).billing).toBe(0);

    expect((await fetch(`${after.url}/local/rebuild`, { method: 'POST' })).status).toBe(200);
    const rebuilt = themeIds(await next.get('/v1/themes?from=2026-11-01&to=2026-11-30'));
    expect(rebuilt.billing).toBe(3);
    expect(rebuilt.service).toBe(1);
    for (const [i] of COMMENTS.entries()) {
      const view = await next.get(`/v1/responses/tx-${i}`);
      expect(view.body.analysis.analyzer).toBe(analyzer.version);
      expect(view.body.analysis.analyzer).not.toBe(createAnalyzer().version);
    }
  });

  it('replaces the defaults when asked', () => {
    const only = loadAnalyzer({ NPS_THEMES_FILE: file('only.json', { replaceDefaults: true, themes: [billing] }) });
    expect(only.taxonomy.themes.map((t) => t.id)).toEqual(['billing']);
    expect(only('Rude staff, invoice wrong').themes.map((t) => t.theme)).toEqual(['billing']);
  });

  it('stops the start with the path and the reason of an invalid file', async () => {
    const cases = [
      [file('bad-id.json', { themes: [{ id: 'Bad Id', label: 'x', keywords: {} }] }), /themes\.0\.id: must match/],
      [file('not-json.json', '{"themes": ['), /JSON/],
      [join(directory, 'missing.json'), /ENOENT|no such file/],
    ] as const;
    for (const [path, reason] of cases) {
      const run = promisify(execFile)('node', ['--import', 'tsx', 'infra/local/main.ts'], {
        env: { ...process.env, NPS_THEMES_FILE: path, PORT: '0' },
      });
      const failure = await run.then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain(path);
      expect(failure?.stderr).toMatch(reason);
    }
  });
});
