/** The list panels: themes, discovered terms, alerts and the latest detractors. */
import { escapeHtml } from './charts.js';

const fixed = (value, digits = 1) => (value === null || value === undefined ? '–' : Number(value).toFixed(digits));

/** A bar for an impact in points, centred on 0 (harm to the left, red). */
const impactBar = (impact, scale) => {
  if (impact === null) return '';
  const width = (Math.abs(impact) / scale) * 50;
  const x = impact < 0 ? 50 - width : 50;
  return `<svg class="impact" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"><rect x="${x}" y="1" width="${width}" height="8" fill="${impact < 0 ? '#c0392b' : '#1e8449'}"/><line x1="50" x2="50" y1="0" y2="10" stroke="#5f6b76" stroke-width="0.5"/></svg>`;
};

/** The 10 themes most mentioned, most harmful first: impact bar and the sentiment of their mentions. */
export const themeRows = (themes) =>
  themes.themes
    .filter((t) => t.mentions > 0)
    .slice(0, 10)
    .map((t) => ({ theme: t.theme, label: t.label, impact: t.impact, mentions: t.mentions, sentiment: t.sentiment }));

export const drawThemes = (element, rows) => {
  const scale = Math.max(1, ...rows.map((r) => Math.abs(r.impact ?? 0)));
  const body = rows
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.label)}</td><td class="num">${fixed(r.impact)}</td><td>${impactBar(r.impact, scale)}</td><td class="num">${r.mentions}</td><td><span class="tag negative">${r.sentiment.negative} −</span><span class="tag">${r.sentiment.neutral}</span><span class="tag positive">${r.sentiment.positive} +</span></td></tr>`,
    )
    .join('');
  element.innerHTML = rows.length
    ? `<table><colgroup><col style="width:31%"><col style="width:13%"><col style="width:18%"><col style="width:11%"><col style="width:27%"></colgroup><thead><tr><th>Theme</th><th colspan="2">Impact</th><th>n</th><th>Sentiment</th></tr></thead><tbody>${body}</tbody></table>`
    : '<p class="hint">No comment in this range.</p>';
};

const termList = (title, terms) =>
  `<div><h3 class="hint">${title}</h3><ol>${terms.map((t) => `<li>${escapeHtml(t.term)} <span class="hint">(${t.count}, z ${fixed(t.z)})</span></li>`).join('')}</ol></div>`;

/** The top 8 terms of detractor and of promoter comments. */
export const termLists = (terms) => ({ detractor: terms.detractorTerms.slice(0, 8), promoter: terms.promoterTerms.slice(0, 8) });

export const drawTerms = (element, lists) => {
  element.innerHTML = termList('In detractor comments', lists.detractor) + termList('In promoter comments', lists.promoter);
};

const alertItem = (a) =>
  `<li><strong>${escapeHtml(a.segment)}</strong> ${a.status === 'open' ? 'open' : 'recovered'} — detractors ${fixed(100 * (a.window.detractorShare ?? 0))}% vs ${fixed(100 * (a.baseline.detractorShare ?? 0))}% (z ${fixed(a.z)}), since ${escapeHtml(a.openedAt.slice(0, 16).replace('T', ' '))}</li>`;

export const drawAlerts = (element, alerts) => {
  const open = alerts.open.length ? `<ul>${alerts.open.map(alertItem).join('')}</ul>` : '<p class="hint">No open alert.</p>';
  const recent = alerts.recent.filter((a) => a.status === 'recovered');
  element.innerHTML = `<h3 class="hint">Open</h3>${open}<h3 class="hint">Recent</h3>${recent.length ? `<ul>${recent.map(alertItem).join('')}</ul>` : '<p class="hint">None.</p>'}`;
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
  }));

export const drawComments = (element, rows) => {
  element.innerHTML = rows.length
    ? rows
        .map(
          (r) =>
            `<li><strong>${escapeHtml(r.respondentId)}</strong> scored ${r.score} on ${escapeHtml(r.submittedAt.slice(0, 10))} — <a href="/v1/responses/${encodeURIComponent(r.responseId)}">response ${escapeHtml(r.responseId)}</a><br/>${r.comment ? `“${escapeHtml(r.comment)}”` : '<span class="hint">no comment</span>'} ${r.themes.map((t) => `<span class="tag ${t.sentiment}">${escapeHtml(t.theme)}</span>`).join('')}</li>`,
        )
        .join('')
    : '<li class="hint">No detractor with a respondentId.</li>';
};
