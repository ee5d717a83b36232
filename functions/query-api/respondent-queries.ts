import { eligibilityOf } from '../../domain/respondents/eligibility';
import type { RiskTallies } from '../../domain/respondents/risk';
import { type RespondentView, respondentView } from '../../domain/respondents/view';
import { type Combination, segmentKeysOf } from '../../domain/segments';
import type { Day } from '../../domain/time';
import type { ProjectionStore } from '../projection-engine/store';
import { riskTalliesOf, transitionMatrix } from '../projections/respondents/aggregates';
import { listViews, readAggregatesBetween, readMonthAggregates, readView } from '../projections/respondents/reads';
import type { ProjectedView } from '../projections/respondents/views';
import { respondentKeyOf } from '../shared/respondent-key';
import type { Answer } from './queries';

/** What the list of respondents may filter on (docs/respondents.md). */
export interface RespondentFilter {
  category?: 'promoter' | 'passive' | 'detractor';
  atRisk?: boolean;
  /** Canonical segment key the latest response must count in. */
  segment?: string;
}

/** Views read per index query when the page still needs fewer (filters may discard many). */
const LIST_READ = 100;

/**
 * Examines stored views in list order, adding those `keep` answers to `items` until it
 * holds `limit`; answers how many were examined and the position of the last.
 */
const takeMatching = <T>(
  views: readonly (ProjectedView & { position: string })[],
  { items, limit, keep }: { items: T[]; limit: number; keep: (view: ProjectedView) => T | undefined },
) => {
  let count = 0;
  let last: string | undefined;
  for (const stored of views) {
    if (items.length === limit) break;
    const kept = keep(stored);
    if (kept !== undefined) items.push(kept);
    last = stored.position;
    count++;
  }
  return { count, last };
};

/** Views examined per request at most when filters discard most of them (the page then ends early, with a cursor). */
const MAX_EXAMINED = 5_000;

/**
 * The respondent read side: one view (by respondentId), the paged list in the order
 * views last changed (for CRM sync), and the transition matrix. Risk is assessed when
 * read, from the view and the deployment's risk tallies (the month aggregate items).
 *
 * @example
 * const { body } = await createRespondentQueries(store, { combinations: [], threshold: 0.25 }).get('crm-42');
 */
export const createRespondentQueries = (
  store: ProjectionStore,
  options: { combinations: readonly Combination[]; threshold: number },
) => {
  const generation = async () => (await store.readMeta()).current;
  const viewOf = (view: ProjectedView, tallies: RiskTallies) =>
    respondentView({ ...view, tallies, threshold: options.threshold })!;

  const get = async (respondentId: string): Promise<Answer<RespondentView | undefined>> => {
    const current = await generation();
    const [read, model] = await Promise.all([
      readView(store, current, respondentKeyOf(respondentId)),
      readMonthAggregates(store, current),
    ]);
    const view = read.value?.respondentId === respondentId ? viewOf(read.value, riskTalliesOf(model.value)) : undefined;
    return { body: view, itemsRead: 1 + read.itemsRead + model.itemsRead };
  };

  const matches = (view: RespondentView, filter: RespondentFilter) =>
    (filter.category === undefined || view.latest.category === filter.category) &&
    (filter.atRisk === undefined || view.risk.atRisk === filter.atRisk) &&
    (filter.segment === undefined ||
      segmentKeysOf(view.latest.segments, options.combinations).includes(filter.segment));
  const keep = (stored: ProjectedView, tallies: RiskTallies, filter: RespondentFilter) => {
    const view = viewOf(stored, tallies);
    return matches(view, filter) ? view : undefined;
  };

  /**
   * A page of views after a list position: up to `limit` matching the filter; `next` is where the following page starts
   * (none at the end).
   */
  const list = async (query: {
    after: string | undefined;
    limit: number;
    filter: RespondentFilter;
    order: 'oldest' | 'newest';
  }) => {
    const current = await generation();
    const model = await readMonthAggregates(store, current);
    const tallies = riskTalliesOf(model.value);
    const items: RespondentView[] = [];
    let [after, examined, itemsRead, exhausted] = [query.after, 0, 1 + model.itemsRead, false];
    while (items.length < query.limit && examined < MAX_EXAMINED && !exhausted) {
      const read = await listViews(store, current, {
        after,
        limit: Math.max(query.limit - items.length, LIST_READ),
        newestFirst: query.order === 'newest',
      });
      itemsRead += read.itemsRead;
      const taken = takeMatching(read.value.views, {
        items,
        limit: query.limit,
        keep: (stored) => keep(stored, tallies, query.filter),
      });
      after = taken.last ?? after;
      examined += taken.count;
      exhausted = read.value.exhausted && taken.count === read.value.views.length;
    }
    return { body: { items, next: exhausted ? undefined : after }, itemsRead } satisfies Answer<unknown>;
  };

  const transitions = async (query: { segment: string; from: Day; to: Day }) => {
    const read = await readAggregatesBetween(store, await generation(), query.from, query.to);
    const body = {
      segment: query.segment,
      from: query.from,
      to: query.to,
      ...transitionMatrix(read.value, query.segment),
    };
    return { body, itemsRead: 1 + read.itemsRead } satisfies Answer<unknown>;
  };

  /** Whether a person may be surveyed again: one view read (docs/respondents.md). */
  const eligibility = async (respondentId: string, query: { minDays: number; nowMs: number }) => {
    const read = await readView(store, await generation(), respondentKeyOf(respondentId));
    const last =
      read.value?.responses
        .map((r) => r.submittedAt)
        .sort()
        .at(-1) ?? null;
    const body = eligibilityOf({ respondentId, lastSubmittedAt: last, ...query });
    return { body, itemsRead: 1 + read.itemsRead } satisfies Answer<unknown>;
  };

  return { get, list, transitions, eligibility };
};

export type RespondentQueries = ReturnType<typeof createRespondentQueries>;
