import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file the dashboard is made of, ready to send. */
export interface StaticFile {
  contentType: string;
  body: Buffer;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

const DASHBOARD_DIR = fileURLToPath(new URL('../../dashboard/', import.meta.url));
const require = createRequire(import.meta.url);

/** uPlot, served from the installed package (no CDN: the page works offline). */
const VENDOR: Record<string, string> = {
  'uPlot.iife.min.js': require.resolve('uplot/dist/uPlot.iife.min.js'),
  'uPlot.min.css': require.resolve('uplot/dist/uPlot.min.css'),
};

const load = (path: string): StaticFile => ({
  contentType: TYPES[extname(path)] ?? 'application/octet-stream',
  body: readFileSync(path),
});

/**
 * The dashboard's files by URL path (docs/dashboard.md): `/` is the page, `/dashboard/*` its scripts,
 * style and uPlot. Read once; nothing else on disk is reachable.
 */
export const dashboardFiles = (): Map<string, StaticFile> => {
  const files = new Map<string, StaticFile>([['/', load(`${DASHBOARD_DIR}index.html`)]]);
  for (const name of readdirSync(DASHBOARD_DIR))
    if (name !== 'index.html') files.set(`/dashboard/${name}`, load(`${DASHBOARD_DIR}${name}`));
  for (const [name, path] of Object.entries(VENDOR)) files.set(`/dashboard/vendor/${name}`, load(path));
  return files;
};
