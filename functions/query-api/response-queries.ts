import type { Combination } from '../../domain/segments';
import type { ProjectionStore } from '../projection-engine/store';
import { readView } from '../projections/respondents/reads';
import type { ListedResponse } from '../projections/responses/item';
import { liveKeyOf } from '../projections/responses/keys';
import { readChanges, readListed, walkResponses } from '../projections/responses/reads';
import { respondentKeyOf } from '../shared/respondent-key';
import { responseFilter } from './response-list';
import { categoriesOf, type ResponseListParams } from './response-params';

/** A page of responses: what it holds, where the next one starts (none at the end), and the items it read. */
export interface ResponsePage {
  items: ListedResponse[];
  next: string | undefined;
  itemsRead: number;
}

/** Most index items a page reads: ten per response asked for, and a little more (a selective filter ends a page early). */
export const pageBudget = (limit: number) => 10 * limit + 20;

const sortKeyOf = (r: ListedResponse) => `${r.submittedAt}#${r.responseId}`;

/**
 * The read side of `GET /v1/responses`: a range walked through the response index in
 * order, one person's responses through their view, or the change feed.
 *
 * @example
 * const page = await createResponseQueries(store, []).range(params, { segment: 'all', from, to, after: undefined });
 */
export const createResponseQueries = (store: ProjectionStore, combinations: readonly Combination[]) => {
  const generation = async () => (await store.readMeta()).current;

  /** The responses of a range that match the filters, in order, from a position. */
  const range = async (
    params: ResponseListParams,
    { segment, from, to, after }: { segment: string; from: string; to: string; after: string | undefined },
  ): Promise<ResponsePage> => {
    const walk = await walkResponses(store, {
      generation: await generation(),
      from,
      to,
      categories: categoriesOf(params),
      newestFirst: params.order === 'newest',
      ...(after !== undefined ? { after } : {}),
      limit: params.limit,
      budget: pageBudget(params.limit) - 1, // the meta item read first counts too
      accept: responseFilter(params, { segment, combinations }),
    });
    return { ...walk, itemsRead: 1 + walk.itemsRead };
  };

  /** One person's responses that match the filters: read through their view (theirs only), in order, from a position. */
  const ofRespondent = async (
    params: ResponseListParams & { respondentId: string },
    { segment, from, to, after }: { segment: string; from: string; to: string; after: string | undefined },
  ): Promise<ResponsePage> => {
    const current = await generation();
    const view = (await readView(store, current, respondentKeyOf(params.respondentId))).value;
    if (view?.respondentId !== params.respondentId) return { items: [], next: undefined, itemsRead: 2 };
    const read = await readListed(store, current, view.responses.map(liveKeyOf));
    const accept = responseFilter(params, { segment, combinations });
    const newest = params.order === 'newest';
    const matching = read.value
      .filter((r) => r.submittedAt! >= from && r.submittedAt!.slice(0, 10) <= to && accept(r))
      .sort((a, b) => (sortKeyOf(a) < sortKeyOf(b) ? -1 : 1) * (newest ? -1 : 1))
      .filter((r) => after === undefined || (newest ? sortKeyOf(r) < after : sortKeyOf(r) > after));
    const items = matching.slice(0, params.limit);
    const next = matching.length > params.limit ? sortKeyOf(items.at(-1)!) : undefined;
    return { items, next, itemsRead: 2 + read.itemsRead };
  };

  /** Every response changed after a position, in change order, erased ones as tombstones. */
  const changes = async ({ after, limit }: { after: string; limit: number }): Promise<ResponsePage> => {
    const page = await readChanges(store, await generation(), { after, limit });
    return { ...page, itemsRead: 1 + page.itemsRead };
  };

  return { range, ofRespondent, changes };
};

export type ResponseQueries = ReturnType<typeof createResponseQueries>;
