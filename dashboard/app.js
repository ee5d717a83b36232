/**
 * The dashboard (docs/dashboard.md): reads the selection from the URL, calls the public API, draws
 * every panel, and keeps what each panel plotted in `window.npsDashboard.data` (what the
 * browser tests compare with the API's answers).
 */
import { getJson, getText, loadPanels, postJson } from './api.js';
import { drawByDimension, drawDistribution, drawTrend, resizeTrend, trendData } from './charts.js';
import { createExplorer, drawExplorer, filterOf } from './explorer.js';
import { drawHeadline, headlineOf } from './headline.js';
import { drawOpen, followUpBody, loopCell, loopFiguresOf, openRows } from './loop.js';
import { commentRows, drawAlerts, drawComments, drawTerms, drawThemes, termLists, themeRows } from './panels.js';
import { queryOf, readState } from './state.js';

const $ = (id) => document.getElementById(id);
/**
 * The page's state, for people debugging it and for the tests: the selection, what each panel
 * plotted (`data`) and for which selection (`shown`), how many loads are in flight.
 */
const dashboard = {
  state: readState(location.search),
  shown: null,
  data: {},
  pending: 0,
  renders: 0,
  renderMs: null,
  error: null,
};
window.npsDashboard = dashboard;

const explorerElements = {
  chips: $('explorer-chips'),
  items: $('explorer-items'),
  summary: $('explorer-summary'),
  more: $('explorer-more'),
};
/** The comments panel; what it shows is `npsDashboard.explorer` (filter, items, query). */
const explorer = createExplorer({ getJson, getText, draw: (view) => drawExplorer(explorerElements, view) });
dashboard.explorer = explorer.view;

const options = (select, values, selected) => {
  select.replaceChildren(...values.map((value) => new Option(value, value, false, value === selected)));
};

/** The selection with a dimension the catalogue has (the first one by default). */
const withDimension = (state, catalogue) => {
  const dimensions = Object.keys(catalogue.dimensions).sort();
  if (!dimensions.includes(state.dimension)) state.dimension = dimensions[0] ?? '';
  return state;
};

/** Makes the dimension a load chose (the default) the page's, unless a newer selection came meanwhile. */
const adoptDimension = (state, load) => {
  if (load !== dashboard.renders || dashboard.state.dimension === state.dimension) return;
  dashboard.state = { ...dashboard.state, dimension: state.dimension };
  history.replaceState(null, '', queryOf(dashboard.state));
};

/** Fills the controls from the catalogue and the selection. */
const fillControls = (catalogue, state) => {
  const dimensions = Object.keys(catalogue.dimensions).sort();
  const segments = ['all', ...dimensions.flatMap((d) => catalogue.dimensions[d].map((v) => `${d}:${v}`))];
  if (!segments.includes(state.segment)) segments.push(state.segment);
  options($('segment'), segments, state.segment);
  options($('dimension'), dimensions, state.dimension);
  $('from').value = state.from;
  $('to').value = state.to;
  $('granularity').value = state.granularity;
};

/** What each panel plots, from the API's answers. */
const dataOf = (answers) => ({
  headline: headlineOf(answers.aggregate, answers.before),
  trend: trendData(answers.trend, answers.forecast),
  forecastReason: answers.forecast.reason ?? null,
  distribution: {
    scores: answers.aggregate.scores,
    nps: answers.aggregate.nps,
    responses: answers.aggregate.responses,
  },
  byDimensionScope: answers.byValue.scope,
  byDimension: answers.byValue.rows.map((a, i) => ({
    value: answers.byValue.values[i],
    nps: a.nps,
    low: a.ci95?.low ?? null,
    high: a.ci95?.high ?? null,
    responses: a.responses,
  })),
  themes: themeRows(answers.themes),
  terms: termLists(answers.terms),
  alerts: answers.alerts,
  comments: commentRows(answers.comments),
  loop: loopFiguresOf(answers.loop),
  open: openRows(answers.open),
});

const draw = (data, state) => {
  const { nps, responses } = data.distribution;
  drawHeadline($('headline'), data.headline);
  $('headline').insertAdjacentHTML('beforeend', loopCell(data.loop));
  $('trend-summary').textContent = data.forecastReason
    ? `No forecast: ${data.forecastReason}`
    : `${data.trend.x.length} ${state.granularity} points`;
  drawTrend($('trend'), data.trend);
  $('distribution-summary').textContent = `NPS ${nps === null ? '–' : nps.toFixed(1)} over ${responses} responses`;
  drawDistribution($('distribution'), data.distribution.scores);
  $('dimension-title').textContent = `NPS by ${state.dimension || 'value'}`;
  $('dimension-scope').textContent =
    data.byDimensionScope === 'all'
      ? 'Over all responses.'
      : `Within ${data.byDimensionScope} (a configured combination).`;
  const rowSegment = (value) =>
    data.byDimensionScope === 'all'
      ? `${state.dimension}:${value}`
      : `${data.byDimensionScope},${state.dimension}:${value}`;
  drawByDimension($('by-dimension'), data.byDimension, rowSegment);
  drawThemes($('themes'), data.themes);
  drawTerms($('terms'), data.terms);
  drawAlerts($('alerts'), data.alerts);
  drawComments($('comments'), data.comments);
  drawOpen($('loop-open'), data.open);
};

/** Loads and draws everything for the current selection; a load overtaken by a newer selection is dropped. */
const render = async () => {
  const started = performance.now();
  const state = { ...dashboard.state };
  const load = ++dashboard.renders;
  dashboard.pending++;
  $('status').textContent = 'Loading…';
  history.replaceState(null, '', queryOf(state));
  try {
    const catalogue = await getJson('/v1/segments');
    adoptDimension(withDimension(state, catalogue), load);
    const data = dataOf(await loadPanels(state, catalogue));
    if (load !== dashboard.renders) return;
    fillControls(catalogue, state);
    draw(data, state);
    await explorer.refine(state, {});
    Object.assign(dashboard, { data, shown: state, error: null, renderMs: performance.now() - started });
    dashboard.firstDrawnAt ??= performance.now(); // ms since navigation started: what the bench reports
    $('status').textContent = `${state.segment}, ${state.from} to ${state.to}`;
  } catch (error) {
    if (load !== dashboard.renders) return;
    Object.assign(dashboard, { error: String(error.message ?? error), shown: state });
    $('status').textContent = `Could not load: ${dashboard.error}`;
  } finally {
    dashboard.pending--;
  }
};

$('controls').addEventListener('change', (event) => {
  const { name, value } = event.target;
  if (!value) return;
  dashboard.state = { ...dashboard.state, [name]: value };
  render();
});
// entry points into the comments panel: theme rows, discovered terms, score bars, segment rows
document.addEventListener('click', (event) => {
  const opener = event.target.closest('[data-explore]');
  const chip = event.target.closest('[data-unfilter]');
  if (opener) {
    const filter = filterOf(opener.dataset.explore, opener.dataset.value);
    $('explorer-q').value = filter.q ?? '';
    explorer.open(dashboard.state, filter);
    $('explorer-panel').scrollIntoView({ block: 'start' });
    $('explorer-title').focus({ preventScroll: true });
  } else if (chip) {
    if (chip.dataset.unfilter === 'q') $('explorer-q').value = '';
    explorer.refine(dashboard.state, { [chip.dataset.unfilter]: undefined });
  }
});
$('explorer-search').addEventListener('submit', (event) => {
  event.preventDefault();
  explorer.refine(dashboard.state, { q: $('explorer-q').value.trim() || undefined });
});
// a follow-up recorded from the page: then the page reloads until the projection has taken it (the item leaves the list)
document.addEventListener('submit', async (event) => {
  const form = event.target.closest('form.follow-up');
  if (!form) return;
  event.preventDefault();
  const responseId = form.dataset.response;
  const button = form.querySelector('button');
  button.disabled = true;
  try {
    await postJson(`/v1/responses/${encodeURIComponent(responseId)}/follow-ups`, followUpBody(form));
    $('loop-status').textContent = `Follow-up saved for response ${responseId}.`;
    for (let attempt = 0; attempt < 30; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await render();
      if (!dashboard.data.open?.some((r) => r.responseId === responseId)) break;
    }
  } catch (error) {
    $('loop-status').textContent = `Could not save the follow-up: ${error.message ?? error}`;
    button.disabled = false;
  }
});
$('explorer-more').addEventListener('click', () => explorer.more(dashboard.state));
$('explorer-csv').addEventListener('click', () => explorer.download(dashboard.state));
window.addEventListener('resize', () => resizeTrend($('trend')));
render();
