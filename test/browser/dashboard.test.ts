import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/stack';
import { launchBrowser, watchPage } from '../support/browser';
import { api, startTestStack } from '../support/stack';
import { expectedExplorer, explorerShows, rendered, seed } from './dashboard-page';
import { expectedPanels, type Selection } from './expected-panels';

const DAY = 86_400_000;
const ARTIFACTS = new URL('../artifacts/', import.meta.url);
let stack: LocalStack;
let http: ReturnType<typeof api>;
let browser: Browser;

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
  [browser] = await Promise.all([launchBrowser(), seed(http, stack)]);
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

  it('opens the comments panel from a theme, a term, a score bar and a segment row, with the API’s items', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems = watchPage(page);
    await page.goto(`${stack.url}/?from=${monthsAgo}&to=${today}&granularity=week&dimension=region`);
    await rendered(page);
    const state = await page.evaluate(() => (globalThis as any).npsDashboard.state);
    const opened = async (filter: Record<string, string>) => {
      const shown = await explorerShows(page, filter);
      const expected = await expectedExplorer(http, state, filter);
      expect(shown.error).toBeNull();
      expect(shown.ids.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(shown).toEqual({ ...expected, error: null });
    };
    await opened({}); // before any entry point: the latest comments of the range

    const theme = await page.getAttribute('#themes [data-explore="theme"]', 'data-value');
    await page.click('#themes [data-explore="theme"]');
    await opened({ theme: theme! });
    expect(await page.locator('#explorer-items mark').count()).toBeGreaterThan(0);
    expect(await page.textContent('#explorer-chips')).toContain(`theme: ${theme}`);

    const term = await page.getAttribute('#terms [data-explore="q"]', 'data-value');
    await page.focus('#terms [data-explore="q"]'); // keyboard: a focused entry point opens with Enter
    await page.keyboard.press('Enter');
    await opened({ q: term! });

    await page.click('#distribution [data-value="3"]');
    await opened({ category: 'detractor' });
    await page.click('#by-dimension [data-value="region:eu"]');
    await opened({ segment: 'region:eu' });

    await page.click('#explorer-more');
    await page.waitForFunction(() => (globalThis as any).npsDashboard.explorer.items.length > 20);
    const more = await explorerShows(page, { segment: 'region:eu' });
    expect(more.ids).toEqual((await expectedExplorer(http, state, { segment: 'region:eu' }, 2)).ids);

    await page.fill('#explorer-q', 'onerror');
    await page.press('#explorer-q', 'Enter');
    await opened({ segment: 'region:eu', q: 'onerror' });
    // a hostile comment is shown as text, not run as markup
    expect(await page.evaluate(() => (globalThis as any).hacked)).toBeUndefined();
    expect(await page.textContent('#explorer-items')).toContain('<img src=x onerror="window.hacked=1">');

    await page.fill('#explorer-q', 'trop');
    await page.press('#explorer-q', 'Enter');
    await opened({ segment: 'region:eu', q: 'trop' });
    await page.click('[data-unfilter="segment"]');
    await opened({ q: 'trop' });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#explorer-csv')]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const { query } = await expectedExplorer(http, state, { q: 'trop' });
    expect(csv).toBe((await http.get(`/v1/responses?${query}&limit=1000&format=csv`)).text);
    expect(csv.split('\r\n').length).toBeGreaterThan(3);

    await page.screenshot({ path: new URL('comments-1280x800.png', ARTIFACTS).pathname, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);

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
          .filter(
            (control) =>
              !control.labels?.length &&
              !control.getAttribute('aria-label') &&
              !(control.tagName === 'BUTTON' && control.textContent.trim()),
          )
          .map((control) => control.outerHTML),
        controls: all('input, select').length,
      };
    });
    // the 6 of the selection and search, and a status, a channel and a `by` per open detractor's follow-up form
    const open = await page.evaluate(() => (globalThis as any).npsDashboard.data.open.length);
    expect(layout).toEqual({ scrollWidth: 390, wider: [], unlabelled: [], controls: 6 + 3 * open });
    await page.screenshot({ path: new URL('dashboard-390x844.png', ARTIFACTS).pathname, fullPage: true });
    await page.click('#themes [data-explore="theme"]');
    const theme = await page.getAttribute('#themes [data-explore="theme"]', 'data-value');
    const shown = await explorerShows(page, { theme: theme! });
    const state = await page.evaluate(() => (globalThis as any).npsDashboard.state);
    expect(shown.ids).toEqual((await expectedExplorer(http, state, { theme: theme! })).ids);
    await page.screenshot({ path: new URL('comments-390x844.png', ARTIFACTS).pathname, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
