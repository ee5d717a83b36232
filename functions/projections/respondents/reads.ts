import type { Day } from '../../../domain/time';
import type { ListPage, Metered, ProjectionStore } from '../../projection-engine/store';
import { AGGREGATE_MODEL, aggregateKeysOf } from './aggregates';
import { type ProjectedView, VIEW_MODEL, viewOf } from './views';

/**
 * The view of a respondent key, if any (eventually consistent).
 *
 * @example
 * const { value: view } = await readView(store, 1, respondentKeyOf('cust-42'));
 */
export const readView = async (
  store: ProjectionStore,
  generation: number,
  key: string,
): Promise<Metered<ProjectedView | undefined>> => {
  const read = await store.readDocuments(generation, [{ model: VIEW_MODEL, partition: key, sort: '-' }]);
  const [document] = read.value;
  return {
    value: document?.version ? { key, version: document.version, ...viewOf(document.attributes) } : undefined,
    itemsRead: read.itemsRead,
  };
};

/**
 * Up to `limit` views in the order they last changed (oldest first, or newest first),
 * after a list position; `exhausted` once no view follows. Eventually consistent.
 *
 * @example
 * const { value } = await listViews(store, 1, { after: undefined, limit: 100 });
 */
export const listViews = async (
  store: ProjectionStore,
  generation: number,
  page: ListPage,
): Promise<Metered<{ views: (ProjectedView & { position: string })[]; exhausted: boolean }>> => {
  const read = await store.listDocuments(generation, VIEW_MODEL, page);
  const views = read.value.documents.map(({ listKey, document }) => ({
    key: listKey.slice(listKey.lastIndexOf('#') + 1),
    version: document.version,
    ...viewOf(document.attributes),
    position: listKey,
  }));
  return { value: { views, exhausted: read.value.exhausted }, itemsRead: read.itemsRead };
};

/**
 * The aggregate items that cover the days from..to (whole months as month items), their counts.
 *
 * @example
 * transitionMatrix((await readAggregatesBetween(store, 1, '2026-01-01', '2026-06-30')).value, 'all');
 */
export const readAggregatesBetween = async (store: ProjectionStore, generation: number, from: Day, to: Day) => {
  const read = await store.readCounts(
    generation,
    aggregateKeysOf(from, to).map((sort) => ({ model: AGGREGATE_MODEL, partition: '', sort })),
  );
  return { value: read.value.filter((counts) => Object.keys(counts).length > 0), itemsRead: read.itemsRead };
};

/**
 * Every month aggregate item's counts: the risk model's tallies sum them.
 *
 * @example
 * riskTalliesOf((await readMonthAggregates(store, 1)).value);
 */
export const readMonthAggregates = async (store: ProjectionStore, generation: number) => {
  const read = await store.readCountRange(generation, { model: AGGREGATE_MODEL, partition: '', prefix: 'm|' });
  return { value: read.value.map(({ counts }) => counts), itemsRead: read.itemsRead };
};
