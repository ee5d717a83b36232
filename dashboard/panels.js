/** The list panels: themes, discovered terms, alerts and the latest detractors. */
import { escapeHtml } from './charts.js';

const fixed = (value, digits = 1) => (value === null || value === undefined ? '–' : Number(value).toFixed(digits));

/** A bar for an impact in points, centred on 0 (harm to the left, red). */
const impactBar = (impact, scale) => {
  if (impact === null) return '';
  const width = (Math.abs(impact) / scale) * 50;
  const x = impact < 0 ? 50 - width : 50;
  const fill = impact < 0 ? '#c0392b' : '#1e8449';
  const bar = `<rect x="${x}" y="1" width="${width}" height="8" fill="${fill}"/>`;
  const zero = '<line x1="50" x2="50" y1="0" y2="10" stroke="#5f6b76" stroke-width="0.5"/>';
  return `<svg class="impact" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">${bar}${zero}</svg>`;
};

/** The 10 themes most mentioned, most harmful first: impact bar and the sentiment of their mentions. */
export const themeRows = (themes) =>
  themes.themes
    .filter((t) => t.mentions > 0)
    .slice(0, 10)
    .map((t) => ({ theme: t.theme, label: t.label, impact: t.impact, mentions: t.mentions, sentiment: t.sentiment }));

const THEME_COLUMNS = `<colgroup>${[31, 13, 18, 11, 27].map((w) => `<col style="width:${w}%">`).join('')}</colgroup>`;
const THEME_HEAD = '<tr><th>Theme</th><th colspan="2">Impact</th><th>n</th><th>Sentiment</th></tr>';

/** Counts of the mentions of a theme by polarity, as tags. */
const sentimentTags = ({ negative, neutral, positive }) =>
  `<span class="tag negative">${negative} −</span><span class="tag">${neutral}</span>` +
  `<span class="tag positive">${positive} +</span>`;

/** A button that opens the comments panel filtered by `kind` = `value`. */
export const exploreButton = (kind, value, text) =>
  `<button type="button" class="link" data-explore="${kind}" data-value="${escapeHtml(value)}" ` +
  `title="Read these comments">${escapeHtml(text)}</button>`;

const themeRow = (r, scale) =>
  `<tr><td>${exploreButton('theme', r.theme, r.label)}</td><td class="num">${fixed(r.impact)}</td><td>${impactBar(r.impact, scale)}</td>` +
  `<td class="num">${r.mentions}</td><td>${sentimentTags(r.sentiment)}</td></tr>`;

export const drawThemes = (element, rows) => {
  const scale = Math.max(1, ...rows.map((r) => Math.abs(r.impact ?? 0)));
  const body = rows.map((r) => themeRow(r, scale)).join('');
  element.innerHTML = rows.length
    ? `<table>${THEME_COLUMNS}<thead>${THEME_HEAD}</thead><tbody>${body}</tbody></table>`
    : '<p class="hint">No comment in this range.</p>';
};

const termItem = (t) =>
  `<li>${exploreButton('q', t.term, t.term)} <span class="hint">(${t.count}, z ${fixed(t.z)})</span></li>`;
const termList = (title, terms) => `<div><h3 class="hint">${title}</h3><ol>${terms.map(termItem).join('')}</ol></div>`;

/** The top 8 terms of detractor and of promoter comments. */
export const termLists = (terms) => ({
  detractor: terms.detractorTerms.slice(0, 8),
  promoter: terms.promoterTerms.slice(0, 8),
});

export const drawTerms = (element, lists) => {
  element.innerHTML =
    termList('In detractor comments', lists.detractor) + termList('In promoter comments', lists.promoter);
};

const percent = (share) => fixed(100 * (share ?? 0));
const alertItem = (a) => {
  const [lastDay, before] = [percent(a.window.detractorShare), percent(a.baseline.detractorShare)];
  const shares = `detractors ${lastDay}% vs ${before}% (z ${fixed(a.z)})`;
  const since = escapeHtml(a.openedAt.slice(0, 16).replace('T', ' '));
  const status = a.status === 'open' ? 'open' : 'recovered';
  return `<li><strong>${escapeHtml(a.segment)}</strong> ${status} — ${shares}, since ${since}</li>`;
};
const alertList = (alerts, none) =>
  alerts.length ? `<ul>${alerts.map(alertItem).join('')}</ul>` : `<p class="hint">${none}</p>`;

export const drawAlerts = (element, alerts) => {
  const open = alertList(alerts.open, 'No open alert.');
  const recent = alertList(
    alerts.recent.filter((a) => a.status === 'recovered'),
    'None.',
  );
  element.innerHTML = `<h3 class="hint">Open</h3>${open}<h3 class="hint">Recent</h3>${recent}`;
};

/** Each latest detractor: who, score, when, the comment, its themes, and a link to the response. */
export const commentRows = (comments) =>
  comments.map(({ view, response }) => ({
    respondentId: view.respondentId,
    responseId: view.latest.responseId,
    score: view.latest.score,
    submittedAt: view.latest.submittedAt,
    comment: response.comment ?? null,
    themes: (response.analysis?.themes ?? []).map((t) => ({ theme: t.theme, sentiment: t.sentiment })),
    status: response.loop?.status ?? null,
  }));

const themeTags = (themes) =>
  themes.map((t) => `<span class="tag ${t.sentiment}">${escapeHtml(t.theme)}</span>`).join('');
const quoted = (comment) => (comment ? `“${escapeHtml(comment)}”` : '<span class="hint">no comment</span>');
const responseLink = (id) => `<a href="/v1/responses/${encodeURIComponent(id)}">response ${escapeHtml(id)}</a>`;

const commentItem = (r) =>
  `<li><strong>${escapeHtml(r.respondentId)}</strong> scored ${r.score} ` +
  `on ${escapeHtml(r.submittedAt.slice(0, 10))} <span class="tag loop-${escapeHtml(r.status ?? 'none')}">` +
  `${escapeHtml(r.status ?? '')}</span> — ` +
  `${responseLink(r.responseId)}<br/>${quoted(r.comment)} ${themeTags(r.themes)}</li>`;

export const drawComments = (element, rows) => {
  element.innerHTML = rows.length
    ? rows.map(commentItem).join('')
    : '<li class="hint">No detractor with a respondentId.</li>';
};
