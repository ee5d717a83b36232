/**
 * Close the loop on the page: the detractors nobody has followed up yet (`loop=open`), a form
 * to record a follow-up on each, and the loop figures (`/v1/loop`) in the headline strip.
 */
import { escapeHtml } from './charts.js';

const percent = (share) => (share === null ? '–' : `${(100 * share).toFixed(0)}%`);
const hours = (value) => (value === null ? '–' : `${value.toFixed(1)} h`);

/** What the headline's loop cell shows, from `/v1/loop`. */
export const loopFiguresOf = (loop) => ({
  detractors: loop.detractors,
  contacted: loop.contacted,
  contactedShare: loop.contactedShare,
  contactedWithin48hShare: loop.contactedWithin48hShare,
  medianHoursToFirstContact: loop.medianHoursToFirstContact,
  resolvedShare: loop.resolvedShare,
  recovery: {
    contacted: loop.recovery.contacted.share,
    notContacted: loop.recovery.notContacted.share,
  },
});

/** The headline strip's "Close the loop" cell. */
export const loopCell = (figures) =>
  `<div><dt>Close the loop</dt><dd>${percent(figures.contactedShare)} of ${figures.detractors} detractors contacted ` +
  `<span class="hint">${percent(figures.contactedWithin48hShare)} within 48 h · median ` +
  `${hours(figures.medianHoursToFirstContact)} · ${percent(figures.resolvedShare)} resolved · came back ` +
  `${percent(figures.recovery.contacted)} if called, ${percent(figures.recovery.notContacted)} if not</span></dd></div>`;

/** Each open detractor as the list shows it. */
export const openRows = (page) =>
  page.items.map((r) => ({
    responseId: r.responseId,
    score: r.score,
    submittedAt: r.submittedAt,
    respondentId: r.respondentId ?? null,
    comment: r.comment ?? null,
    status: r.loop.status,
  }));

const STATUSES = [
  ['contacted', 'Contacted'],
  ['resolved', 'Resolved'],
  ['no_answer', 'No answer'],
  ['wont_fix', 'Will not fix'],
];
const CHANNELS = [
  ['phone', 'Phone'],
  ['email', 'E-mail'],
  ['chat', 'Chat'],
  ['visit', 'Visit'],
  ['other', 'Other'],
];
const select = (name, label, choices) =>
  `<label>${label} <select name="${name}">` +
  choices.map(([value, text]) => `<option value="${value}">${text}</option>`).join('') +
  '</select></label>';

/** One open detractor with its form (every control labelled, reachable by keyboard). */
const openItem = (r) => {
  const who = r.respondentId ? `<strong>${escapeHtml(r.respondentId)}</strong>` : '<span class="hint">anonymous</span>';
  const comment = r.comment ? `“${escapeHtml(r.comment)}”` : '<span class="hint">no comment</span>';
  const id = escapeHtml(r.responseId);
  return (
    `<li data-response="${id}">${who} scored ${r.score} on ${escapeHtml(r.submittedAt.slice(0, 10))} ` +
    `<span class="tag loop-${r.status}">${r.status}</span><br/>${comment}` +
    `<details><summary>Record a follow-up</summary><form class="follow-up" data-response="${id}">` +
    select('status', 'Status', STATUSES) +
    select('channel', 'Channel', CHANNELS) +
    '<label>Note <textarea name="note" maxlength="2000" rows="2"></textarea></label>' +
    '<label>By <input name="by" maxlength="200" autocomplete="name" /></label>' +
    '<button type="submit">Save follow-up</button></form></details></li>'
  );
};

export const drawOpen = (element, rows) => {
  element.innerHTML = rows.length
    ? rows.map(openItem).join('')
    : '<li class="hint">Every detractor of the range has been followed up.</li>';
};

/** The body a form sends: a fresh followUpId (a retry of the same submission adds nothing), empty fields left out. */
export const followUpBody = (form) => {
  const data = new FormData(form);
  const text = (name) => String(data.get(name) ?? '').trim();
  return {
    followUpId: crypto.randomUUID(),
    status: text('status'),
    channel: text('channel'),
    ...(text('note') ? { note: text('note') } : {}),
    ...(text('by') ? { by: text('by') } : {}),
  };
};
