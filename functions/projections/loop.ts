import type { Granularity } from '../../domain/buckets';
import { addLoopCounts, type LoopCounts, loopContribution, loopDelta } from '../../domain/loop-figures';
import type { Day } from '../../domain/time';
import { foldSpan, type Projection, type Span } from '../projection-engine/projection';
import type { Metered, ProjectionStore } from '../projection-engine/store';
import { counterItemOf } from './counters';
import { isLoopName, LOOP_PREFIX } from './loop-names';
import { aggregateKeysOf } from './respondents/aggregates';

/**
 * Close the loop: per segment, the counts of detractor responses by day and month of
 * `submittedAt` — detractors, contacted, contacted within 48 h, resolved, and the minutes
 * to first contact (`domain/loop-figures.ts`). A response's contribution is a pure function
 * of its state, so a chunk adds `contribution(last) − contribution(first)` per response:
 * commutative adds, exactly once like the counters. They ride on the counters' own day and
 * month items (`l.` attributes), next to them in the plan, so that a chunk's loop counts
 * and scores of a cell go in one write: no item of their own to write.
 */

/** A `<segment>|<granularity>|<bucket>` key as the counter item it rides on. */
const cellOf = (key: string) => {
  const [bucket, granularity, ...segment] = key.split('|').reverse();
  return { segment: segment.reverse().join('|'), granularity: granularity as Granularity, bucket: bucket! };
};

/** Sums the deltas of every response of a chunk (zeros are left out when written). */
const totalOf = (spans: Iterable<Span>, combinations: Parameters<typeof loopContribution>[1]) => {
  const total: LoopCounts = new Map();
  for (const { first, last } of spans) {
    addLoopCounts(total, loopDelta(loopContribution(first, combinations), loopContribution(last, combinations)));
  }
  return total;
};

export const loop: Projection<Map<string, Span>> = {
  name: 'loop',
  version: 1,
  models: [], // its counts live on the counters' items
  addedOn: '2026-12-08',
  handles: ['ResponseSubmitted', 'ResponseAmended', 'ResponseErased', 'FollowUpRecorded'],
  init: () => new Map(),
  fold: foldSpan,
  changes: (spans, { combinations }) =>
    [...totalOf(spans.values(), combinations)].flatMap(([key, attributes]) => {
      const counts = Object.fromEntries(
        [...attributes].filter(([, value]) => value !== 0).map(([name, value]) => [`${LOOP_PREFIX}${name}`, value]),
      );
      if (!Object.keys(counts).length) return [];
      const { segment, granularity, bucket } = cellOf(key);
      // sorts right after the counters' own change of the cell (`c|segment|granularity|bucket`)
      const id = `c|${segment}|${granularity}|${bucket}|loop`;
      return [{ kind: 'add' as const, id, item: counterItemOf(segment, granularity, bucket), counts }];
    }),
};

/**
 * The loop counts of a segment summed over the days from..to (whole months read as month items), by name without the
 * prefix.
 *
 * @example
 * const { value } = await readLoopCounts(store, { generation: 1, segment: 'all', from: '2026-01-01', to: '2026-06-30' });
 */
export const readLoopCounts = async (
  store: ProjectionStore,
  { generation, segment, from, to }: { generation: number; segment: string; from: Day; to: Day },
): Promise<Metered<Map<string, number>>> => {
  const items = aggregateKeysOf(from, to).map((key) =>
    counterItemOf(segment, key.startsWith('m|') ? 'month' : 'day', key.slice(2)),
  );
  const read = await store.readCounts(generation, items);
  const sums = new Map<string, number>();
  for (const counts of read.value) {
    for (const [name, n] of Object.entries(counts)) {
      if (isLoopName(name))
        sums.set(name.slice(LOOP_PREFIX.length), (sums.get(name.slice(LOOP_PREFIX.length)) ?? 0) + n);
    }
  }
  return { value: sums, itemsRead: read.itemsRead };
};
