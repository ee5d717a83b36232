import { catalogOf } from '../../domain/projection';
import type { ResponseState } from '../../domain/response';
import type { Projection } from '../projection-engine/projection';
import type { Metered, ProjectionStore } from '../projection-engine/store';

/** The catalogue: per dimension, every value seen (`GET /v1/segments`); written as set unions. */
const MODEL = 'catalogue';

export const catalogue: Projection<(ResponseState | undefined)[]> = {
  name: 'catalogue',
  version: 1,
  models: [MODEL],
  handles: ['ResponseSubmitted', 'ResponseAmended', 'ResponseErased'],
  init: () => [],
  fold: (states, { after }) => {
    states.push(after);
    return states;
  },
  changes: (states) =>
    [...catalogOf(states)].map(([dimension, values]) => ({
      kind: 'union',
      id: `d|${dimension}`,
      item: { model: MODEL, partition: '', sort: dimension },
      values: [...values].sort(),
    })),
};

/**
 * Dimension → values seen, each list sorted.
 *
 * @example
 * (await readCatalogue(store, 1)).value; // { plan: ['free', 'pro'], region: ['eu', 'us'] }
 */
export const readCatalogue = async (
  store: ProjectionStore,
  generation: number,
): Promise<Metered<Record<string, string[]>>> => {
  const read = await store.readSetRange(generation, { model: MODEL, partition: '' });
  return {
    value: Object.fromEntries(read.value.map(({ sort, values }) => [sort, [...values].sort()])),
    itemsRead: read.itemsRead,
  };
};
