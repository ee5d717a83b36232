import { PROJECTIONS_TABLE } from '../../../infra/tables';
import type { ItemKey } from '../../projection-engine/projection';

/**
 * How each model's items are keyed in the projections table: `pk` is the model's prefix,
 * the generation and the partition (`c#2#region:eu#day`), `sk` the sort key. The prefixes
 * of the models that existed before the engine kept their names; a model not listed here
 * uses its own name.
 */
const MODEL_PREFIXES: Record<string, string> = {
  counter: 'c',
  catalogue: 'd',
  terms: 't',
  respondent: 'r',
  'respondent-aggregates': 'ra',
  response: 'rl',
};

export const prefixOf = (model: string): string => MODEL_PREFIXES[model] ?? model;

/** The table key of an item of a generation. */
export const itemKeyOf = (generation: number, { model, partition, sort }: ItemKey) => ({
  pk: partition ? `${prefixOf(model)}#${generation}#${partition}` : `${prefixOf(model)}#${generation}`,
  sk: sort,
});

/** Where a model's documents are listed by update in the `respondentsByUpdate` index (`lpk`, `lsk`). */
export const listPartitionOf = (generation: number, model: string) => `${prefixOf(model)}l#${generation}`;

/** The index that lists documents by update (every model's, each in its own partition). */
export const LIST_INDEX = PROJECTIONS_TABLE.indexes[0].name;

/**
 * The bookkeeping items of the table (`pk`, `sk`), one key prefix per kind: the engine's
 * markers, journal and meta, the rebuild's checkpoints, the alert episodes.
 */
export const projectionKeys = {
  /** A chunk's definition (`sk` '-') and the markers of its later groups (`sk` 'g1', 'g2', …) share a partition. */
  chunk: (key: string, group = 0) => ({ pk: `m#${key}`, sk: group === 0 ? '-' : `g${group}` }),
  journal: (generation: number, key: string) => ({ pk: `j#${generation}`, sk: key }),
  /** That a group of a journal entry was applied to its generation. */
  journalMarker: (generation: number, key: string, group: number) => ({
    pk: `jm#${generation}`,
    sk: `${key}#${group}`,
  }),
  meta: () => ({ pk: 'meta', sk: 'projection' }),
  /** Where a rebuild worker stands in its segment of the scan. */
  checkpoint: (generation: number, segment: number) => ({ pk: `rc#${generation}`, sk: String(segment) }),
  /** The alert episode state of a segment. */
  episode: (segment: string) => ({ pk: 'alerts', sk: segment }),
};

/** Key prefixes of what a generation owns besides its models' items: journal, its markers, checkpoints. */
export const bookkeepingPartitions = (generation: number) => [
  projectionKeys.journal(generation, '').pk,
  projectionKeys.journalMarker(generation, '', 0).pk,
  projectionKeys.checkpoint(generation, 0).pk,
];
