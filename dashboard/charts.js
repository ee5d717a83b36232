/** The charts: the trend with uPlot (bands and the forecast fan), the others as plain HTML and SVG. */

const seconds = (day) => Date.parse(`${day}T00:00:00Z`) / 1000;
const CATEGORY_OF = (score) => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');

/** The trend's columns: history points (NPS and 95% interval) then the forecast buckets (expected, 80% and 95%). */
export const trendData = (trend, forecast) => {
  const history = trend.points.map((p) => ({
    x: p.from,
    nps: p.nps,
    low: p.ci95?.low ?? null,
    high: p.ci95?.high ?? null,
  }));
  const last = history.at(-1)?.x ?? '';
  const ahead = forecast.forecast.filter((f) => f.from > last);
  return {
    x: history.map((h) => h.x),
    nps: history.map((h) => h.nps),
    low: history.map((h) => h.low),
    high: history.map((h) => h.high),
    forecast: ahead.map((f) => ({ from: f.from, nps: f.nps, interval80: f.interval80, interval95: f.interval95 })),
  };
};

/** uPlot's aligned arrays: x, then history NPS, low, high, then forecast NPS, 95% low/high, 80% low/high. */
const alignedOf = (data) => {
  const blank = (n) => new Array(n).fill(null);
  const h = data.x.length;
  const f = data.forecast.length;
  return [
    [...data.x, ...data.forecast.map((b) => b.from)].map(seconds),
    [...data.nps, ...blank(f)],
    [...data.low, ...blank(f)],
    [...data.high, ...blank(f)],
    [...blank(h), ...data.forecast.map((b) => b.nps)],
    [...blank(h), ...data.forecast.map((b) => b.interval95.low)],
    [...blank(h), ...data.forecast.map((b) => b.interval95.high)],
    [...blank(h), ...data.forecast.map((b) => b.interval80.low)],
    [...blank(h), ...data.forecast.map((b) => b.interval80.high)],
  ];
};

const edge = (label) => ({ label, stroke: 'transparent', points: { show: false } });

let trendPlot;

/** Draws (or redraws) the trend in `element`. */
export const drawTrend = (element, data) => {
  trendPlot?.destroy();
  const options = {
    width: Math.max(280, element.clientWidth),
    height: 280,
    scales: { x: { time: true } },
    series: [
      {},
      { label: 'NPS', stroke: '#1e8449', width: 2, points: { show: data.x.length < 60 } },
      edge('95% low'),
      edge('95% high'),
      { label: 'forecast', stroke: '#3465a4', width: 2, dash: [6, 4], points: { show: false } },
      edge('forecast 95% low'),
      edge('forecast 95% high'),
      edge('forecast 80% low'),
      edge('forecast 80% high'),
    ],
    bands: [
      { series: [3, 2], fill: 'rgba(30,132,73,0.15)' },
      { series: [6, 5], fill: 'rgba(52,101,164,0.12)' },
      { series: [8, 7], fill: 'rgba(52,101,164,0.22)' },
    ],
    axes: [{}, { label: 'NPS' }],
    legend: { show: false },
  };
  trendPlot = new window.uPlot(options, alignedOf(data), element);
};

/** Resizes the trend to its container. */
export const resizeTrend = (element) => trendPlot?.setSize({ width: Math.max(280, element.clientWidth), height: 280 });

/** Eleven bars, one per score, coloured by category. */
export const drawDistribution = (element, scores) => {
  const most = Math.max(1, ...scores);
  element.replaceChildren(
    ...scores.map((count, score) => {
      const bar = document.createElement('button');
      bar.type = 'button';
      bar.className = 'bar';
      bar.title = `${count} responses scored ${score}: read the comments of their category`;
      bar.setAttribute('aria-label', `Score ${score}: ${count} responses; read the comments of their category`);
      bar.dataset.explore = 'score';
      bar.dataset.value = String(score);
      const fill = document.createElement('span');
      fill.className = `fill ${CATEGORY_OF(score)}`;
      fill.style.height = `${(100 * count) / most}%`;
      const label = document.createElement('span');
      label.textContent = String(score);
      bar.append(String(count), fill, label);
      return bar;
    }),
  );
};

/** The whiskers' common scale: every interval, with a margin, within −100…100. */
const scaleOf = (rows) => {
  const known = rows.filter((r) => r.nps !== null);
  const min = Math.max(-100, Math.floor(Math.min(0, ...known.map((r) => r.low)) / 10) * 10 - 10);
  const max = Math.min(100, Math.ceil(Math.max(0, ...known.map((r) => r.high)) / 10) * 10 + 10);
  return { min, max };
};

/** An SVG line from `low` to `high` with a dot at `value`, on the rows' scale (a faint line at 0). */
/** A whisker's interval and point, in the whisker's 0–100 coordinates. */
const interval = (low, high, value) =>
  `<line x1="${low}" x2="${high}" y1="5" y2="5" stroke="#5f6b76" stroke-width="1"/>` +
  `<circle cx="${value}" cy="5" r="2" fill="#1b1f24"/>`;

const whisker = ({ value, low, high }, { min, max }) => {
  const at = (v) => ((v - min) / (max - min)) * 100;
  const svg = `<svg class="whisker" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
    <line x1="${at(0)}" x2="${at(0)}" y1="0" y2="10" stroke="#d8dee4" stroke-width="0.5"/>
    ${value === null ? '' : interval(at(low), at(high), at(value))}
  </svg>`;
  return svg;
};

/**
 * A table row per value of the chosen dimension: NPS, its interval as a whisker, responses;
 * the value opens the comments of the row's segment (`segmentOf(value)`).
 */
export const drawByDimension = (element, rows, segmentOf) => {
  const scale = scaleOf(rows);
  const body = rows
    .map(
      (r) =>
        `<tr><td><button type="button" class="link" data-explore="segment" ` +
        `data-value="${escapeHtml(segmentOf(r.value))}" title="Read these comments">${escapeHtml(r.value)}</button></td>` +
        `<td class="num">${r.nps === null ? '–' : r.nps.toFixed(1)}</td>` +
        `<td>${whisker({ value: r.nps, low: r.low, high: r.high }, scale)}</td>` +
        `<td class="num">${r.responses}</td></tr>`,
    )
    .join('');
  const head = `<tr><th>Value</th><th>NPS</th><th>95% interval (${scale.min}…${scale.max})</th><th>n</th></tr>`;
  element.innerHTML = `<table><thead>${head}</thead><tbody>${body}</tbody></table>`;
};

/** Text made safe for innerHTML. */
export const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
