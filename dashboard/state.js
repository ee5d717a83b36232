/** The selection (segment, dimension, range, granularity), kept in the page's URL. */

const DAY_MS = 86_400_000;
const GRANULARITIES = ['day', 'week', 'month'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A day `days` after `day` (YYYY-MM-DD). */
export const addDays = (day, days) => new Date(Date.parse(day) + days * DAY_MS).toISOString().slice(0, 10);

/** The selection the URL holds, with defaults: every response, the last 26 weeks by week. */
export const readState = (search) => {
  const params = new URLSearchParams(search);
  const today = new Date().toISOString().slice(0, 10);
  const to = DAY.test(params.get('to') ?? '') ? params.get('to') : today;
  const from = DAY.test(params.get('from') ?? '') && params.get('from') <= to ? params.get('from') : addDays(to, -181);
  const granularity = GRANULARITIES.includes(params.get('granularity')) ? params.get('granularity') : 'week';
  return { segment: params.get('segment') || 'all', dimension: params.get('dimension') || '', from, to, granularity };
};

/** The URL query of a selection. */
export const queryOf = (state) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state)) if (value) params.set(key, value);
  return `?${params}`;
};
