import { findChromium, launchBrowser } from '../../test/support/browser';
import { pickWith, seededRandom } from '../../test/support/random';
import { log, percentile, type Stage, save, submitInBatches, withStack } from '../harness';

const DAY_MS = 86_400_000;
const LOADS = 5;
const COMMENTS = [
  'Livraison en retard',
  'Great support, quick answer',
  'Far too expensive',
  'Personnel adorable',
  'The app is confusing',
];

/** Two years of daily responses (12 a day), three regions, comments on 30%, a respondent on half. */
const workload = () => {
  const random = seededRandom(14);
  const pick = pickWith(random);
  const now = Date.now();
  return Array.from({ length: 730 * 12 }, (_, i) => ({
    responseId: `dash-${i}`,
    score: Math.floor(random() * 11),
    submittedAt: new Date(now - Math.floor(i / 12) * DAY_MS - Math.floor(random() * DAY_MS)).toISOString(),
    segments: { region: pick(['eu', 'us', 'apac']), plan: pick(['free', 'pro']) },
    ...(random() < 0.3 ? { comment: pick(COMMENTS) } : {}),
    ...(random() < 0.5 ? { respondentId: `person-${i % 2000}` } : {}),
  }));
};

/** What the page keeps in `window.npsDashboard` that the bench reads. */
type PageState = {
  npsDashboard?: { shown: unknown; firstDrawnAt?: number; error: string | null; data: { trend?: { x: string[] } } };
};

/** Milliseconds from navigation to the first drawn dashboard (every panel), median of `LOADS` fresh pages. */
const firstRender = async (url: string) => {
  const browser = await launchBrowser();
  try {
    const times: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(url);
      await page.waitForFunction(() => Boolean((globalThis as PageState).npsDashboard?.shown), undefined, {
        timeout: 60_000,
      });
      const { firstDrawnAt, error, points } = await page.evaluate(() => {
        const d = (globalThis as PageState).npsDashboard!;
        return { firstDrawnAt: d.firstDrawnAt!, error: d.error, points: d.data.trend?.x.length ?? 0 };
      });
      if (error) throw new Error(`dashboard: ${error}`);
      times.push(firstDrawnAt);
      log(`dashboard: ${points} points drawn in ${firstDrawnAt.toFixed(0)} ms`);
      await page.close();
    }
    return percentile(times, 50);
  } finally {
    await browser.close();
  }
};

/**
 * The dashboard's first render in Debian's headless Chromium on the local stack: two years
 * of daily points for one segment (goal: under 1 s), beside the default view (26 weeks).
 */
export const dashboardStage: Stage = {
  name: 'dashboard',
  unavailable: () =>
    findChromium()
      ? undefined
      : 'no Chromium on this machine (apt-get install -y chromium, or set CHROMIUM_PATH, to measure the page)',
  run: () =>
    withStack({}, async (stack) => {
      await submitInBatches(stack.url, workload());
      await stack.settled();
      const to = new Date().toISOString().slice(0, 10);
      const from = new Date(Date.now() - 729 * DAY_MS).toISOString().slice(0, 10);
      const twoYears = await firstRender(
        `${stack.url}/?segment=region%3Aeu&dimension=plan&granularity=day&from=${from}&to=${to}`,
      );
      const byDefault = await firstRender(`${stack.url}/?segment=region%3Aeu`);
      save('dashboard', { responses: 730 * 12, loads: LOADS, twoYearsDailyMs: twoYears, defaultViewMs: byDefault });
      return [
        [
          'dashboard first render, 2 years of daily points for a segment (Chromium, local stack; goal < 1000 ms)',
          `${twoYears.toFixed(0)} ms median of ${LOADS} loads (default view, 26 weekly points: ` +
            `${byDefault.toFixed(0)} ms)`,
        ],
      ];
    }),
};
