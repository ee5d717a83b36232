import { bucketsMeeting, type Granularity } from '../../domain/buckets';
import { addHistograms, emptyHistogram, type Histogram } from '../../domain/histogram';
import { type Aggregate, aggregateOf } from '../../domain/nps';
import { planRange } from '../../domain/range-plan';
import { addDays, type Day } from '../../domain/time';
import type { ProjectionStore } from '../projection-engine/store';
import { readCatalogue } from '../projections/catalogue';
import { bucketKey, readCounterRange, readCounters } from '../projections/counters';

export type { Aggregate } from '../../domain/nps';

/** A query answer and the stored items it read (for the `x-nps-items-read` header and the benchmarks). */
export interface Answer<T> {
  body: T;
  itemsRead: number;
}

/**
 * The read side: every answer is derived from stored histograms only, reading a bounded
 * number of items — `nps` at most ~44 items for a year, a rolling series its days plus
 * one window, never points × window.
 *
 * @example
 * const queries = createQueries(store);
 * const { body } = await queries.nps('all', '2026-11-01', '2026-11-30');
 */
export const createQueries = (store: ProjectionStore) => {
  const generation = async () => ({ value: (await store.readMeta()).current, itemsRead: 1 });

  const nps = async (segment: string, from: Day, to: Day): Promise<Answer<Aggregate>> => {
    const gen = await generation();
    const plan = planRange(from, to);
    const read = await readCounters(store, { generation: gen.value, segment, buckets: plan });
    const parts = plan.map((p) => read.value.get(bucketKey(p.granularity, p.bucket))?.scores ?? emptyHistogram());
    return {
      body: aggregateOf(
        segment,
        from,
        to,
        addHistograms(
          parts,
          plan.map((p) => p.sign),
        ),
      ),
      itemsRead: gen.itemsRead + read.itemsRead,
    };
  };

  const timeseries = async (segment: string, granularity: Granularity, from: Day, to: Day) => {
    const gen = await generation();
    const buckets = bucketsMeeting(granularity, from, to);
    const read = await readCounterRange(store, {
      generation: gen.value,
      segment,
      granularity,
      from: buckets[0]!.key,
      to: buckets.at(-1)!.key,
    });
    const points = buckets.map((b) =>
      aggregateOf(segment, b.from, b.to, read.value.get(bucketKey(granularity, b.key))?.scores ?? emptyHistogram()),
    );
    return { body: { segment, granularity, points }, itemsRead: gen.itemsRead + read.itemsRead };
  };

  const rolling = async (segment: string, window: number, from: Day, to: Day) => {
    const gen = await generation();
    const first = addDays(from, -(window - 1));
    const read = await readCounterRange(store, { generation: gen.value, segment, granularity: 'day', from: first, to });
    const daily: Histogram[] = [];
    for (let day = first; day <= to; day = addDays(day, 1))
      daily.push(read.value.get(bucketKey('day', day))?.scores ?? emptyHistogram());
    const points: Aggregate[] = [];
    let sum = addHistograms(daily.slice(0, window - 1));
    for (let i = window - 1; i < daily.length; i++) {
      sum = addHistograms([sum, daily[i]!]);
      const end = addDays(first, i);
      points.push(aggregateOf(segment, addDays(end, -(window - 1)), end, sum));
      sum = addHistograms([sum, daily[i - window + 1]!], [1, -1]);
    }
    return { body: { segment, window, points }, itemsRead: gen.itemsRead + read.itemsRead };
  };

  const segments = async () => {
    const gen = await generation();
    const catalog = await readCatalogue(store, gen.value);
    return { body: { dimensions: catalog.value }, itemsRead: gen.itemsRead + catalog.itemsRead };
  };

  return { nps, timeseries, rolling, segments };
};

export type Queries = ReturnType<typeof createQueries>;
