/**
 * The headline strip: NPS of the range with its 95% interval, its change against the
 * previous range of equal length and whether that change is significant, responses and
 * category shares (docs/dashboard.md#headline).
 */
import { addDays } from './state.js';

/** The range of equal length that ends the day before `from`. */
export const previousRange = (from, to) => {
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  return { from: addDays(from, -days), to: addDays(from, -1) };
};

/** The standard error of an NPS (in points) from its shares: √((p + d − (p − d)²) / n) × 100. */
const standardError = (a) =>
  a.responses > 0
    ? 100 * Math.sqrt((a.promoterShare + a.detractorShare - (a.promoterShare - a.detractorShare) ** 2) / a.responses)
    : null;

/**
 * The strip's figures from the two aggregates. The change is significant at 95% when
 * |z| ≥ 1.96, z being the difference over the combined standard error of two independent
 * samples.
 */
export const headlineOf = (current, previous) => {
  const change = current.nps !== null && previous.nps !== null ? current.nps - previous.nps : null;
  const errors = [standardError(current), standardError(previous)];
  const combined = errors.every((e) => e !== null) ? Math.hypot(...errors) : null;
  const z = change !== null && combined ? change / combined : null;
  return {
    nps: current.nps,
    low: current.ci95?.low ?? null,
    high: current.ci95?.high ?? null,
    responses: current.responses,
    shares: {
      promoter: current.promoterShare,
      passive: current.passiveShare,
      detractor: current.detractorShare,
    },
    previous: { from: previous.from, to: previous.to, nps: previous.nps, responses: previous.responses },
    change,
    z,
    significant: z !== null && Math.abs(z) >= 1.96,
  };
};

const fixed = (value, digits = 1) => (value === null ? '–' : value.toFixed(digits));
const percent = (share) => (share === null ? '–' : `${(100 * share).toFixed(0)}%`);

const changeText = (h) => {
  if (h.change === null) return 'no previous figure';
  const sign = h.change > 0 ? '+' : '';
  const verdict = h.significant ? 'significant' : 'within noise';
  return `${sign}${fixed(h.change)} vs ${h.previous.from} – ${h.previous.to} (${verdict}, z ${fixed(h.z, 2)})`;
};

export const drawHeadline = (element, h) => {
  const cell = (label, value, hint = '') =>
    `<div><dt>${label}</dt><dd>${value}${hint ? ` <span class="hint">${hint}</span>` : ''}</dd></div>`;
  element.innerHTML =
    cell('NPS', `<strong>${fixed(h.nps)}</strong>`, `95%: ${fixed(h.low)} to ${fixed(h.high)}`) +
    cell('Change', changeText(h)) +
    cell('Responses', String(h.responses)) +
    cell(
      'Shares',
      `<span class="promoter-text">${percent(h.shares.promoter)} promoters</span> · ` +
        `${percent(h.shares.passive)} passives · ` +
        `<span class="detractor-text">${percent(h.shares.detractor)} detractors</span>`,
    );
};
