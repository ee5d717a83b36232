import type { Granularity } from '../../domain/buckets';
import { InvariantError } from '../../domain/errors';
import { type CounterDelta, createCounterFold } from '../../domain/projection';
import { SCORE_COUNT } from '../../domain/score';
import { isTallyName, type Tallies } from '../../domain/theme-tallies';
import type { ItemKey, Projection } from '../projection-engine/projection';
import type { Metered, ProjectionStore } from '../projection-engine/store';
import { isLoopName } from './loop-names';

/**
 * Counters: per segment and time bucket (hour, day, ISO week, month), the score histogram
 * of the responses counted there and the tallies of their comments (themes, sentiment).
 * Every query of NPS and themes reads them; writes are commutative adds.
 */
export const COUNTER_MODEL = 'counter';

/** One stored counter: the score histogram of a cell and the comment tallies beside it. */
export interface Counter {
  scores: number[];
  tallies: Tallies;
}

/** The segment a counter item belongs to (its partition is `segment#granularity`). */
export const segmentOfCounter = ({ partition }: ItemKey): string => partition.slice(0, partition.lastIndexOf('#'));

/** Key of a bucket in the maps the reads answer. */
export const bucketKey = (granularity: Granularity, bucket: string): string => `${granularity}|${bucket}`;

const SCORE_NAMES = Array.from({ length: SCORE_COUNT }, (_, score) => `s${score}`);

/** The counter item of a segment's bucket (the loop projection adds its counts to the day and month ones). */
export const counterItemOf = (segment: string, granularity: Granularity, bucket: string): ItemKey => ({
  model: COUNTER_MODEL,
  partition: `${segment}#${granularity}`,
  sort: bucket,
});

/** A delta as counts: one per score and tally that changed. */
const countsOf = (delta: CounterDelta): Record<string, number> => ({
  ...Object.fromEntries(delta.scores.flatMap((value, score) => (value ? [[SCORE_NAMES[score]!, value]] : []))),
  ...delta.tallies,
});

/** A counter read back from its counts (absent ones 0); anything else stored there is a broken invariant. */
const counterOf = (counts: Record<string, number>): Counter => {
  const tallies: Tallies = {};
  for (const [name, value] of Object.entries(counts)) {
    if (isLoopName(name)) continue; // the loop projection's counts (projections/loop.ts)
    if (isTallyName(name)) tallies[name] = value;
    else if (!SCORE_NAMES.includes(name)) throw new InvariantError(`malformed counter item: unknown count ${name}`);
  }
  return { scores: SCORE_NAMES.map((name) => counts[name] ?? 0), tallies };
};

export const counters: Projection<ReturnType<typeof createCounterFold>> = {
  name: 'counters',
  version: 1,
  models: [COUNTER_MODEL],
  handles: ['ResponseSubmitted', 'ResponseAmended', 'ResponseErased'],
  init: ({ combinations }) => createCounterFold(combinations),
  fold: (fold, { before, after }) => {
    fold.add(before, after);
    return fold;
  },
  changes: (fold) =>
    fold.deltas().map((delta) => ({
      kind: 'add',
      id: `c|${delta.segment}|${delta.granularity}|${delta.bucket}`,
      item: counterItemOf(delta.segment, delta.granularity, delta.bucket),
      counts: countsOf(delta),
    })),
};

/**
 * Counters of some buckets of a segment, by `bucketKey` (absent buckets left out).
 *
 * @example
 * const { value } = await readCounters(store, { generation: 1, segment: 'all', buckets: [{ granularity: 'day', bucket:
 * '2026-11-20' }] });
 */
export const readCounters = async (
  store: ProjectionStore,
  {
    generation,
    segment,
    buckets,
  }: { generation: number; segment: string; buckets: { granularity: Granularity; bucket: string }[] },
): Promise<Metered<Map<string, Counter>>> => {
  const read = await store.readCounts(
    generation,
    buckets.map(({ granularity, bucket }) => counterItemOf(segment, granularity, bucket)),
  );
  const found = new Map<string, Counter>();
  read.value.forEach((counts, i) => {
    if (Object.keys(counts).length)
      found.set(bucketKey(buckets[i]!.granularity, buckets[i]!.bucket), counterOf(counts));
  });
  return { value: found, itemsRead: read.itemsRead };
};

/** The buckets of one segment and granularity with keys from..to (inclusive), in one generation. */
export interface BucketRange {
  generation: number;
  segment: string;
  granularity: Granularity;
  from: string;
  to: string;
}

/**
 * Counters of a segment's buckets of one granularity with keys from..to, by `bucketKey`.
 *
 * @example
 * await readCounterRange(store, { generation: 1, segment: 'all', granularity: 'month', from: '2026-01', to: '2026-12'
 * });
 */
export const readCounterRange = async (
  store: ProjectionStore,
  range: BucketRange,
): Promise<Metered<Map<string, Counter>>> => {
  const { generation, segment, granularity, from, to } = range;
  const { model, partition } = counterItemOf(segment, granularity, '');
  const read = await store.readCountRange(generation, { model, partition, from, to });
  return {
    value: new Map(read.value.map(({ sort, counts }) => [bucketKey(granularity, sort), counterOf(counts)])),
    itemsRead: read.itemsRead,
  };
};
