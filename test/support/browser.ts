import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Where Debian's browsers live (`apt-get install -y chromium`, or `chromium-headless-shell`); CHROMIUM_PATH wins. */
const CANDIDATES = [
  '/usr/bin/chromium-headless-shell',
  '/usr/lib/chromium/headless_shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
];

/** The headless browser's executable, if this machine has one. */
export const findChromium = (): string | undefined =>
  [process.env.CHROMIUM_PATH, ...CANDIDATES].find((path): path is string => Boolean(path) && existsSync(path!));

/** The headless browser's executable; fails with how to install it when there is none. */
export const chromiumPath = (): string => {
  const found = findChromium();
  if (!found)
    throw new Error(
      'no Chromium found: apt-get install -y chromium (or set CHROMIUM_PATH); the dashboard tests need a real browser',
    );
  return found;
};

/** Debian's Chromium, headless, driven by playwright-core (which downloads nothing). */
export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });

/** What went wrong in a page while it was used: console errors, uncaught exceptions, failed and refused requests. */
export const watchPage = (page: Page) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
  });
  return problems;
};
