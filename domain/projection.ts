import { bucketKeysOf, GRANULARITIES, type Granularity } from './buckets';
import { emptyHistogram, isEmptyHistogram } from './histogram';
import type { ResponseState } from './response';
import { type Combination, segmentKeysOf } from './segments';
import { addTallies, type Tallies, talliesOf } from './theme-tallies';

/** One counter of the read model: the score histogram of a segment in one time bucket. */
export interface Cell {
  segment: string;
  granularity: Granularity;
  bucket: string;
  /** `cellId` of the cell, computed once. */
  id?: string;
}

/** A change to one counter: its score histogram and the comment tallies beside it. */
export interface CounterDelta extends Cell {
  scores: number[];
  tallies: Tallies;
}

/** Identity of a cell, unique across segments, granularities and buckets. */
export const cellId = ({ segment, granularity, bucket, id }: Cell): string =>
  id ?? `${segment}|${granularity}|${bucket}`;

/** True when a response counts in aggregates (submitted and not erased). */
const counts = (state: ResponseState | undefined): state is ResponseState => state?.status === 'active';

/**
 * Every cell a response counts in: each of its segments × each granularity's bucket of
 * its original `submittedAt` (amendments never move it in time).
 *
 * @example
 * cellsOf(state, []); // [{ segment: 'all', granularity: 'hour', bucket: '2026-11-20T10' }, …]
 */
export const cellsOf = (state: ResponseState, combinations: readonly Combination[]): Cell[] => {
  const buckets = bucketKeysOf(Date.parse(state.submittedAt));
  return segmentKeysOf(state.segments, combinations).flatMap((segment) =>
    GRANULARITIES.map((granularity) => ({
      segment,
      granularity,
      bucket: buckets[granularity],
      id: `${segment}|${granularity}|${buckets[granularity]}`,
    })),
  );
};

/**
 * Accumulates the counter changes (scores, and comment tallies when states carry their
 * analysis) of response state transitions and coalesces them:
 * one delta per cell, however many transitions touch it, zero deltas dropped. The
 * projector (per batch) and the rebuild (from nothing to every final state) both fold
 * through it, so there is one definition of what an event does to the aggregates.
 *
 * @example
 * const fold = createCounterFold([]);
 * fold.add(undefined, submitted); // +1 at its score in each of its cells
 * fold.add(submitted, amended);   // −1 old score, +1 new score, same cells
 * fold.deltas();
 */
export const createCounterFold = (combinations: readonly Combination[]) => {
  const cells = new Map<string, CounterDelta>();
  const apply = (state: ResponseState, sign: 1 | -1, stateCells: readonly Cell[]) => {
    const stateTallies = talliesOf(state);
    for (const cell of stateCells) {
      const id = cellId(cell);
      const delta = cells.get(id) ?? {
        segment: cell.segment,
        granularity: cell.granularity,
        bucket: cell.bucket,
        id,
        scores: emptyHistogram(),
        tallies: {},
      };
      cells.set(id, delta);
      delta.scores[state.score]! += sign;
      addTallies(delta.tallies, stateTallies, sign);
    }
  };
  return {
    /**
     * The change from `before` to `after` of one response (either may be absent).
     * `transitionCells` may pass the cells already computed for the transition.
     */
    add(before: ResponseState | undefined, after: ResponseState | undefined, precomputed?: readonly Cell[]): void {
      const stateCells = precomputed ?? transitionCells(before, after, combinations);
      if (counts(before)) apply(before, -1, stateCells);
      if (counts(after)) apply(after, 1, stateCells);
    },
    /** Non-zero deltas, one per cell. */
    deltas(): CounterDelta[] {
      return [...cells.values()].filter(
        (delta) => !isEmptyHistogram(delta.scores) || Object.keys(delta.tallies).length > 0,
      );
    },
  };
};

/**
 * The cells a transition may change (the items a write of it touches): those of the
 * response, since an amendment never changes its time or segments; none when it counts
 * neither before nor after.
 */
export const transitionCells = (
  before: ResponseState | undefined,
  after: ResponseState | undefined,
  combinations: readonly Combination[],
): Cell[] => {
  const counted = counts(after) ? after : counts(before) ? before : undefined;
  return counted ? cellsOf(counted, combinations) : [];
};

/** Dimension → values seen, for the segment catalogue (`GET /v1/segments`). */
export const catalogOf = (states: readonly (ResponseState | undefined)[]): Map<string, Set<string>> => {
  const catalog = new Map<string, Set<string>>();
  for (const state of states) {
    for (const [dimension, value] of Object.entries(state?.segments ?? {})) {
      catalog.set(dimension, (catalog.get(dimension) ?? new Set()).add(value));
    }
  }
  return catalog;
};
