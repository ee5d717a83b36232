/**
 * The comments panel: the responses behind a number, read through `GET /v1/responses`.
 * Opened from a theme row, a discovered term, a score bar or a segment row with that
 * filter; refined with a search; filters shown as chips that remove themselves; more
 * pages on demand; the same query downloadable as CSV.
 */
import { escapeHtml } from './charts.js';

const PAGE = 20;
const FILL_ROUNDS = 5;
const CATEGORY_OF = (score) => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');
const CHIP_LABELS = { theme: 'theme', q: 'search', category: 'category', segment: 'segment' };

/** The query of the panel: the page's range and segment, newest first, comments only, and the panel's filter. */
export const explorerParams = (state, filter) => {
  const params = new URLSearchParams({ from: state.from, to: state.to, hasComment: 'true', order: 'newest' });
  const segment = filter.segment ?? (state.segment === 'all' ? undefined : state.segment);
  if (segment) params.set('segment', segment);
  for (const name of ['category', 'theme', 'q']) if (filter[name]) params.set(name, filter[name]);
  return params;
};

/** The filter an entry point opens the panel with (a score bar opens its category). */
export const filterOf = (kind, value) =>
  kind === 'score' ? { category: CATEGORY_OF(Number(value)) } : { [kind]: value };

/** The ranges of a comment its themes were named by, or the search (case-insensitive), merged, in order. */
const highlights = (comment, themes, search) => {
  const lower = comment.toLowerCase();
  const ranges = [];
  for (const match of [...themes.flatMap((t) => t.matches ?? []), ...(search ? [search] : [])]) {
    const needle = match.toLowerCase();
    for (let at = lower.indexOf(needle); needle && at !== -1; at = lower.indexOf(needle, at + needle.length))
      ranges.push([at, at + needle.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  return ranges.reduce((merged, [start, end]) => {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
    return merged;
  }, []);
};

/** A comment as HTML: escaped, with the words that named its themes (and the search) marked. */
export const highlighted = (comment, themes, search) => {
  let html = '';
  let at = 0;
  for (const [start, end] of highlights(comment, themes, search)) {
    html += `${escapeHtml(comment.slice(at, start))}<mark>${escapeHtml(comment.slice(start, end))}</mark>`;
    at = end;
  }
  return html + escapeHtml(comment.slice(at));
};

const themeTags = (themes) =>
  themes.map((t) => `<span class="tag ${t.sentiment}">${escapeHtml(t.theme)}</span>`).join('');

const segmentText = (segments) =>
  Object.entries(segments ?? {})
    .map(([dimension, value]) => `${dimension}: ${value}`)
    .join(', ');

const item = (r, search) => {
  const themes = r.analysis?.themes ?? [];
  return (
    `<li><span class="score ${escapeHtml(r.category)}">${r.score}</span> ` +
    `<span class="hint">${escapeHtml(r.submittedAt.slice(0, 10))} · ${escapeHtml(segmentText(r.segments))}` +
    `${r.respondentId ? ` · ${escapeHtml(r.respondentId)}` : ''}</span><br/>` +
    `<q>${highlighted(r.comment ?? '', themes, search)}</q> ${themeTags(themes)}</li>`
  );
};

/** Draws the chips (each a button that removes its filter), the items and the summary. */
export const drawExplorer = (elements, view) => {
  elements.chips.innerHTML = Object.entries(view.filter)
    .map(
      ([name, value]) =>
        `<button type="button" class="chip" data-unfilter="${escapeHtml(name)}" ` +
        `aria-label="Remove filter ${escapeHtml(CHIP_LABELS[name])} ${escapeHtml(value)}">` +
        `${escapeHtml(CHIP_LABELS[name])}: ${escapeHtml(value)} ×</button>`,
    )
    .join('');
  elements.items.innerHTML = view.items.map((r) => item(r, view.filter.q)).join('');
  elements.summary.textContent = view.items.length
    ? `${view.items.length} comment${view.items.length === 1 ? '' : 's'}, newest first${view.next ? ' (more below)' : ''}`
    : view.next
      ? 'None in what was read so far: load more to go on.'
      : 'No comment matches.';
  elements.more.hidden = !view.next;
};

/**
 * The panel's loads: `open` starts a filter afresh, `more` reads its next page; a load
 * overtaken by a newer one is dropped. `view` is what the panel shows.
 */
export const createExplorer = ({ getJson, getText, draw }) => {
  const explorer = { filter: {}, items: [], next: null, query: '', pending: 0, loads: 0, error: null };
  /** Shows a page the latest load read (appended to what is shown, or in its place). */
  const show = (state, page, append) => {
    explorer.items = append ? [...explorer.items, ...page.items] : page.items;
    explorer.next = page.nextCursor;
    explorer.query = explorerParams(state, explorer.filter).toString();
    explorer.error = null;
    draw(explorer);
  };
  /**
   * Reads pages until it has a page's worth or none is left, at most 5 (a selective filter
   * finds few responses per page read; the API bounds what each page reads).
   */
  const fill = async (params, cursor) => {
    const page = { items: [], nextCursor: cursor };
    for (let round = 0; round < FILL_ROUNDS && (round === 0 || page.nextCursor) && page.items.length < PAGE; round++) {
      if (page.nextCursor) params.set('cursor', page.nextCursor);
      const read = await getJson(`/v1/responses?${params}`);
      page.items.push(...read.items);
      page.nextCursor = read.nextCursor;
    }
    return page;
  };
  const load = async (state, append) => {
    const params = explorerParams(state, explorer.filter);
    params.set('limit', String(PAGE));
    const loadNumber = ++explorer.loads;
    explorer.pending++;
    try {
      const page = await fill(params, append ? explorer.next : null);
      if (loadNumber === explorer.loads) show(state, page, append);
    } catch (error) {
      if (loadNumber === explorer.loads) explorer.error = String(error);
    } finally {
      explorer.pending--;
    }
  };
  return {
    view: explorer,
    open: (state, filter) => {
      explorer.filter = filter;
      explorer.next = null;
      return load(state, false);
    },
    refine: (state, changes) => {
      explorer.filter = Object.fromEntries(
        Object.entries({ ...explorer.filter, ...changes }).filter(([, value]) => value !== undefined && value !== ''),
      );
      explorer.next = null;
      return load(state, false);
    },
    more: (state) => (explorer.next ? load(state, true) : Promise.resolve()),
    /** The panel's query as CSV (up to 1,000 rows), saved by the browser as a file. */
    download: async (state) => {
      const params = explorerParams(state, explorer.filter);
      params.set('limit', '1000');
      params.set('format', 'csv');
      const csv = await getText(`/v1/responses?${params}`);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      link.download = `comments-${state.from}-${state.to}.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
    },
  };
};
