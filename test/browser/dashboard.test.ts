import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/stack';
import { launchBrowser, watchPage } from '../support/browser';
import { commentWriter } from '../support/comments';
import { pickWith, seededRandom } from '../support/random';
import { api, startTestStack } from '../support/stack';
import { submitAll } from '../support/submit';
import { expectedPanels, type Selection } from './expected-panels';

const DAY = 86_400_000;
const ARTIFACTS = new URL('../artifacts/', import.meta.url);
let stack: LocalStack;
let http: ReturnType<typeof api>;
let browser: Browser;

/**
 * Six months of responses in three regions and two plans, comments on 40%, a respondent on 60%; then a burst of
 * detractors in eu.
 */
const seed = async () => {
  const random = seededRandom(9);
  const pick = pickWith(random);
  const write = commentWriter(random);
  const now = Date.now();
  const usual = Array.from({ length: 1_500 }, (_, i) => {
    const score = random() < 0.15 ? Math.floor(random() * 7) : 7 + Math.floor(random() * 4);
    return {
      responseId: `db-${i}`,
      score,
      submittedAt: new Date(now - 2 * DAY - Math.floor(random() * 178 * DAY)).toISOString(),
      segments: { region: pick(['eu', 'us', 'apac']), plan: pick(['free', 'pro']) },
      ...(random() < 0.4 ? { comment: write({ language: i % 2 ? 'fr' : 'en', score }) } : {}),
      ...(random() < 0.6 ? { respondentId: `person-${i % 400}` } : {}),
    };
  });
  const burst = Array.from({ length: 45 }, (_, i) => ({
    responseId: `db-burst-${i}`,
    score: Math.floor(random() * 4),
    submittedAt: new Date(now - Math.floor(random() * 2 * 3_600_000)).toISOString(),
    segments: { region: 'eu', plan: pick(['free', 'pro']) },
    comment: write({ language: i % 2 ? 'fr' : 'en', score: 2 }),
    respondentId: `caller ${i}`,
  }));
  for (const batch of [usual, burst]) {
    await submitAll(http, batch);
    await stack.settled();
  }
};

/** Waits until the page shows its current selection, nothing loading; fails on a render error. */
const rendered = async (page: Page) => {
  await page.waitForFunction(
    () => {
      const d = (globalThis as any).npsDashboard;
      return d?.pending === 0 && JSON.stringify(d.shown) === JSON.stringify(d.state);
    },
    undefined,
    { timeout: 60_000 },
  );
  expect(await page.evaluate(() => (globalThis as any).npsDashboard.error)).toBeNull();
};

/** What the page plotted, compared with what the API answers for the page's selection. */
const expectPanelsMatchApi = async (page: Page) => {
  const { state, data } = await page.evaluate(() => JSON.parse(JSON.stringify((globalThis as any).npsDashboard)));
  expect(data).toEqual(await expectedPanels(http, state as Selection));
  return state as Selection;
};

const today = new Date().toISOString().slice(0, 10);
const monthsAgo = new Date(Date.now() - 179 * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  stack = await startTestStack({ combinations: [['plan', 'region']] });
  http = api(stack.url, {}, { retryUnavailable: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  [browser] = await Promise.all([launchBrowser(), seed()]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('dashboard in Chromium', () => {
  it('shows every panel with the API’s numbers, follows segment and range in every panel and the URL', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems = watchPage(page);
    await page.goto(`${stack.url}/?from=${monthsAgo}&to=${today}&granularity=week&dimension=region`);
    await rendered(page);
    const first = await expectPanelsMatchApi(page);
    expect(first).toMatchObject({
      segment: 'all',
      dimension: 'region',
      from: monthsAgo,
      to: today,
      granularity: 'week',
    });
    const data = await page.evaluate(() => (globalThis as any).npsDashboard.data);
    expect(data.trend.x.length).toBeGreaterThan(20);
    expect(data.trend.forecast.length).toBeGreaterThan(0);
    expect(data.byDimension.map((r: { value: string }) => r.value)).toEqual(['apac', 'eu', 'us']);
    expect(data.themes.length).toBeGreaterThan(2);
    expect(data.terms.detractor.length).toBeGreaterThan(0);
    expect(data.alerts.open.map((a: { segment: string }) => a.segment)).toContain('region:eu');
    expect(data.comments).toHaveLength(10);
    expect(data.comments[0].comment).toBeTruthy();
    await page.screenshot({ path: new URL('dashboard-1280x800.png', ARTIFACTS).pathname, fullPage: true });

    await page.selectOption('#segment', 'region:eu');
    await rendered(page);
    expect(page.url()).toContain('segment=region%3Aeu');
    const second = await expectPanelsMatchApi(page);
    expect(second.segment).toBe('region:eu');

    const lastMonth = new Date(Date.now() - 30 * DAY).toISOString().slice(0, 10);
    await page.fill('#from', lastMonth);
    await page.dispatchEvent('#from', 'change');
    await rendered(page);
    expect(page.url()).toContain(`from=${lastMonth}`);
    expect((await expectPanelsMatchApi(page)).from).toBe(lastMonth);

    await page.selectOption('#granularity', 'day');
    await page.selectOption('#dimension', 'plan');
    await rendered(page);
    const last = await expectPanelsMatchApi(page);
    expect(last).toMatchObject({ segment: 'region:eu', dimension: 'plan', from: lastMonth, granularity: 'day' });
    // plan within region:eu, through the configured combination, and the page says so
    const { byDimensionScope, byDimension, distribution } = await page.evaluate(
      () => (globalThis as any).npsDashboard.data,
    );
    expect(byDimensionScope).toBe('region:eu');
    expect(byDimension.reduce((sum: number, row: { responses: number }) => sum + row.responses, 0)).toBe(
      distribution.responses,
    );
    expect(await page.textContent('#dimension-scope')).toContain('Within region:eu');
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('works on a 390×844 phone screen, every control labelled, nothing wider than the screen', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const problems = watchPage(page);
    await page.goto(`${stack.url}/?segment=region%3Aus&from=${monthsAgo}&to=${today}`);
    await rendered(page);
    await expectPanelsMatchApi(page);
    const layout = await page.evaluate(() => {
      const document = (globalThis as any).document;
      const all = (selector: string): any[] => [...document.querySelectorAll(selector)];
      return {
        scrollWidth: document.documentElement.scrollWidth,
        wider: all('body *')
          .filter((element) => element.getBoundingClientRect().right > 391)
          .map((element) => `${element.tagName.toLowerCase()}#${element.id}.${element.className}`)
          .slice(0, 5),
        unlabelled: all('input, select, button, textarea')
          .filter((control) => !control.labels?.length && !control.getAttribute('aria-label'))
          .map((control) => control.outerHTML),
        controls: all('input, select').length,
      };
    });
    expect(layout).toEqual({ scrollWidth: 390, wider: [], unlabelled: [], controls: 5 });
    await page.screenshot({ path: new URL('dashboard-390x844.png', ARTIFACTS).pathname, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
