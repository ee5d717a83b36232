/** The public API calls of the dashboard: every number it shows comes from one of these answers. */
import { previousRange } from './headline.js';

/**
 * The local stack's bearer token, when it requires one: given in the URL's fragment (`#token=…`), never sent as part of
 * the URL.
 */
const token = new URLSearchParams(location.hash.slice(1)).get('token');
const headers = { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };

/** GET a JSON answer of the API; throws with the problem's title on any non-2xx. */
export const getJson = async (path) => {
  const response = await fetch(path, { headers });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`${path}: ${response.status} ${body.title ?? ''}`.trim());
  return body;
};

/** POST a JSON body; answers the JSON answer, throws with the problem's title (and first field error) on any non-2xx. */
export const postJson = async (path, body) => {
  const response = await fetch(path, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    const field = answer.errors?.[0] ? ` (${answer.errors[0].path}: ${answer.errors[0].message})` : '';
    throw new Error(`${response.status} ${answer.title ?? ''}${field}`.trim());
  }
  return answer;
};

/** GET an answer as text (CSV); throws on any non-2xx. */
export const getText = async (path) => {
  const response = await fetch(path, { headers: { ...headers, accept: 'text/csv' } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.text();
};

const q = (params) =>
  new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== '')).toString();

/** The forecast's granularity for a trend's: week for days, else the same. */
const forecastGranularity = (granularity) => (granularity === 'month' ? 'month' : 'week');

/** Answers of every panel for a selection, fetched in parallel. */
export const loadPanels = async (state, catalogue) => {
  const { segment, from, to, granularity, dimension } = state;
  const values = (catalogue.dimensions[dimension] ?? []).slice(0, 30);
  const previous = previousRange(from, to);
  const [trend, forecast, aggregate, before, byValue, themes, terms, alerts, comments, loop, open] = await Promise.all([
    getJson(`/v1/nps/timeseries?${q({ segment, from, to, granularity })}`),
    getJson(`/v1/nps/forecast?${q({ segment, from, to, granularity: forecastGranularity(granularity) })}`),
    getJson(`/v1/nps?${q({ segment, from, to })}`),
    getJson(`/v1/nps?${q({ segment, ...previous })}`),
    npsByValue({ segment, dimension, values, combinations: catalogue.combinations ?? [], from, to }),
    getJson(`/v1/themes?${q({ segment, from, to })}`),
    getJson(`/v1/themes/discover?${q({ segment, from, to })}`),
    getJson(`/v1/alerts?${q({ segment: segment === 'all' ? undefined : segment, limit: 10 })}`),
    latestDetractors(segment),
    getJson(`/v1/loop?${q({ segment, from, to })}`),
    openDetractors(state),
  ]);
  return { trend, forecast, aggregate, before, byValue, themes, terms, alerts, comments, loop, open };
};

const aggregatesOf = (segments, from, to) =>
  Promise.all(segments.map((segment) => getJson(`/v1/nps?${q({ segment, from, to })}`)));

/**
 * NPS per value of a dimension within the selected segment: through the combination
 * `segment,dimension:value` when the deployment aggregates it (`/v1/segments` lists the
 * configured combinations), else over all responses (`scope` says which).
 */
const npsByValue = async ({ segment, dimension, values, combinations, from, to }) => {
  const plain = values.map((value) => `${dimension}:${value}`);
  const dimensions = [dimension, ...segment.split(',').map((part) => part.split(':')[0])].sort().join();
  const configured = segment !== 'all' && combinations.some((combination) => combination.join() === dimensions);
  if (!configured) return { scope: 'all', values, rows: await aggregatesOf(plain, from, to) };
  return {
    scope: segment,
    values,
    rows: await aggregatesOf(
      plain.map((value) => `${segment},${value}`),
      from,
      to,
    ),
  };
};

/**
 * The 10 respondents whose latest response is a detractor, most recently changed first, each with that response
 * (comment, themes).
 */
const latestDetractors = async (segment) => {
  const query = { category: 'detractor', order: 'newest', limit: 10, segment: segment === 'all' ? undefined : segment };
  const page = await getJson(`/v1/respondents?${q(query)}`);
  const responses = await Promise.all(
    page.items.map((view) => getJson(`/v1/responses/${encodeURIComponent(view.latest.responseId)}`)),
  );
  return page.items.map((view, i) => ({ view, response: responses[i] }));
};

/** The 10 newest detractors of the range nobody has followed up yet. */
export const openDetractors = ({ segment, from, to }) =>
  getJson(
    `/v1/responses?${q({
      segment: segment === 'all' ? undefined : segment,
      from,
      to,
      loop: 'open',
      order: 'newest',
      limit: 10,
      fields: 'responseId,score,submittedAt,respondentId,comment,loop',
    })}`,
  );
