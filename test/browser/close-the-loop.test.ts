import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/stack';
import { launchBrowser, watchPage } from '../support/browser';
import { api, startTestStack } from '../support/stack';
import { submitAll } from '../support/submit';
import { rendered } from './dashboard-page';

const DAY = 86_400_000;
const ARTIFACTS = new URL('../artifacts/', import.meta.url);
const today = new Date().toISOString().slice(0, 10);
const from = new Date(Date.now() - 29 * DAY).toISOString().slice(0, 10);
let stack: LocalStack;
let http: ReturnType<typeof api>;
let browser: Browser;

/** 24 detractors of the last 20 days (a few already followed up) and 12 promoters. */
const seedLoop = async () => {
  const responses = Array.from({ length: 36 }, (_, i) => ({
    responseId: `loop-${String(i).padStart(2, '0')}`,
    score: i < 24 ? i % 7 : 9 + (i % 2),
    submittedAt: new Date(Date.now() - (1 + (i % 20)) * DAY - i * 60_000).toISOString(),
    segments: { region: i % 2 ? 'eu' : 'us' },
    comment: i % 3 ? `Livraison en retard, commande ${i} <b>jamais</b> arrivée` : 'Way too expensive',
    ...(i % 4 ? { respondentId: `cust-${i}` } : {}),
  }));
  await submitAll(http, responses);
  for (const i of [1, 2, 3]) {
    const at = new Date(Date.parse(responses[i]!.submittedAt) + 5 * 3_600_000).toISOString();
    expect((await http.post(`/v1/responses/loop-0${i}/follow-ups`, { status: 'contacted', at })).status).toBe(201);
  }
  await stack.settled();
};

beforeAll(async () => {
  stack = await startTestStack();
  http = api(stack.url, {}, { retryUnavailable: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  [browser] = await Promise.all([launchBrowser(), seedLoop()]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('close the loop in Chromium', () => {
  it('records a follow-up from the page: the API has it and the detractor leaves the open list', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems = watchPage(page);
    await page.goto(`${stack.url}/?from=${from}&to=${today}`);
    await rendered(page);
    const shown = () => page.evaluate(() => (globalThis as any).npsDashboard.data);
    const api = (await http.get(`/v1/responses?from=${from}&to=${today}&loop=open&order=newest&limit=10`)).body;
    const before = await shown();
    expect(before.open.map((r: { responseId: string }) => r.responseId)).toEqual(
      api.items.map((r: { responseId: string }) => r.responseId),
    );
    expect(before.open).toHaveLength(10);
    const loop = (await http.get(`/v1/loop?from=${from}&to=${today}`)).body;
    expect(before.loop).toMatchObject({ detractors: 24, contacted: 3, contactedShare: loop.contactedShare });
    expect(await page.locator('#headline').textContent()).toContain('13% of 24 detractors contacted');

    // the newest open detractor, through its labelled controls, from the keyboard
    const target: string = before.open[0].responseId;
    const item = page.locator(`#loop-open li[data-response="${target}"]`);
    await item.locator('summary').focus();
    await page.keyboard.press('Enter');
    await item.getByLabel('Status').selectOption('resolved');
    await item.getByLabel('Channel').selectOption('phone');
    await item.getByLabel('Note').fill('Rappelé, geste commercial <script>x</script>');
    await item.getByLabel('By').fill('Page tester');
    await page.screenshot({ path: new URL('loop-form-1280x800.png', ARTIFACTS).pathname, fullPage: true });
    await item.getByRole('button', { name: 'Save follow-up' }).press('Enter');

    await page.waitForFunction(
      (id) => !(globalThis as any).npsDashboard.data.open.some((r: { responseId: string }) => r.responseId === id),
      target,
      { timeout: 60_000 },
    );
    expect(await page.locator('#loop-status').textContent()).toContain(`Follow-up saved for response ${target}`);
    const recorded = (await http.get(`/v1/responses/${target}`)).body;
    expect(recorded.followUps).toEqual([
      expect.objectContaining({
        status: 'resolved',
        channel: 'phone',
        note: 'Rappelé, geste commercial <script>x</script>',
        by: 'Page tester',
      }),
    ]);
    expect(recorded.loop.status).toBe('resolved');
    await rendered(page);
    const after = await shown();
    expect(after.loop.contacted).toBe(4);
    expect(after.open.map((r: { responseId: string }) => r.responseId)).not.toContain(target);
    expect(await page.locator('#loop-open script').count()).toBe(0);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: new URL('loop-390x844.png', ARTIFACTS).pathname, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);
});
