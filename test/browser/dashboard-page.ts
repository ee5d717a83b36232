import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { LocalStack } from '../../infra/local/stack';
import { commentWriter } from '../support/comments';
import { pickWith, seededRandom } from '../support/random';
import type { api } from '../support/stack';
import { submitAll } from '../support/submit';
import type { Selection } from './expected-panels';

const DAY = 86_400_000;
type Http = ReturnType<typeof api>;

/**
 * Six months of responses in three regions and two plans, comments on 40%, a respondent on 60%; then a burst of
 * detractors in eu.
 */
export const seed = async (http: Http, stack: LocalStack) => {
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
  const hostile = {
    responseId: 'db-hostile',
    score: 2,
    submittedAt: new Date(now - 3 * DAY).toISOString(),
    segments: { region: 'eu', plan: 'pro' },
    comment: '<img src=x onerror="window.hacked=1"> far too expensive',
  };
  for (const batch of [[...usual, hostile], burst]) {
    await submitAll(http, batch);
    await stack.settled();
  }
};

/** Waits until the page shows its current selection, nothing loading; fails on a render error. */
export const rendered = async (page: Page) => {
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

/** Waits until the comments panel shows a filter and is not loading; answers what it shows. */
export const explorerShows = async (page: Page, filter: Record<string, string>) => {
  await page.waitForFunction(
    (wanted) => {
      const e = (globalThis as any).npsDashboard?.explorer;
      return e?.pending === 0 && JSON.stringify(e.filter) === wanted;
    },
    JSON.stringify(filter),
    { timeout: 60_000 },
  );
  return page.evaluate(() => {
    const e = (globalThis as any).npsDashboard.explorer;
    return { ids: e.items.map((i: { responseId: string }) => i.responseId), error: e.error, query: e.query };
  });
};

/** The panel's query for a selection and filter: newest first, comments only. */
const explorerQuery = (s: Selection, filter: Record<string, string>) => {
  const params = new URLSearchParams({ from: s.from, to: s.to, hasComment: 'true', order: 'newest' });
  const segment = filter.segment ?? (s.segment === 'all' ? undefined : s.segment);
  if (segment) params.set('segment', segment);
  for (const name of ['category', 'theme', 'q']) if (filter[name]) params.set(name, filter[name]!);
  return params;
};

/** The response ids the API lists for the panel's query after `loads` loads, newest first, comments only. */
export const expectedExplorer = async (http: Http, s: Selection, filter: Record<string, string>, loads = 1) => {
  const params = explorerQuery(s, filter);
  // as the panel reads: pages of 20 until a load has 20 responses or none is left, at most 5 pages a load
  const ids: string[] = [];
  let cursor: string | null = null;
  const page = async () => {
    const answer = await http.get(`/v1/responses?${params}&limit=20${cursor ? `&cursor=${cursor}` : ''}`);
    expect(answer.status).toBe(200);
    ids.push(...answer.body.items.map((i: { responseId: string }) => i.responseId));
    cursor = answer.body.nextCursor;
    return answer.body.items.length as number;
  };
  for (let load = 0; load < loads; load++) {
    let got = await page();
    for (let round = 1; round < 5 && cursor && got < 20; round++) got += await page();
  }
  return { ids, query: params.toString() };
};
