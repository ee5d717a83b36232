import type { Language } from './analysis/lexicon';
import { bucketKeysOf } from './buckets';
import type { ResponseState } from './response';
import { type Category, categoryOf } from './score';
import { type Combination, segmentKeysOf } from './segments';
import type { TermCounts } from './term-report';

/** Comments holding one term, by category, and the readable form shown for it. */
export interface TermEntry {
  text: string;
  count: number;
  detractorCount: number;
  promoterCount: number;
}

/**
 * A change to one term item: the terms of a segment's comments in one month, key →
 * change. One item per segment and month, as for a month counter: a 365-day `/discover`
 * reads at most 13 of them.
 */
export interface TermDelta {
  segment: string;
  month: string;
  /** `segment|month`. */
  id: string;
  terms: Map<string, TermEntry>;
}

/** What one comment of a category adds to (sign 1) or takes from (sign −1) a term's counts. */
const countsOf = (category: Category, sign: 1 | -1) => ({
  count: sign,
  detractorCount: category === 'detractor' ? sign : 0,
  promoterCount: category === 'promoter' ? sign : 0,
});

/** Adds a change to an entry; the readable form is the first known (an erasure's remnant has none). */
const addEntry = (entry: TermEntry | undefined, change: TermEntry): TermEntry => ({
  text: entry?.text || change.text,
  count: (entry?.count ?? 0) + change.count,
  detractorCount: (entry?.detractorCount ?? 0) + change.detractorCount,
  promoterCount: (entry?.promoterCount ?? 0) + change.promoterCount,
});

const isZero = (entry: TermEntry) => entry.count === 0 && entry.detractorCount === 0 && entry.promoterCount === 0;

/**
 * Accumulates what response state transitions change in the term items and coalesces
 * it: one delta per item, zero changes dropped. A response counts its current comment's
 * terms (from its attached summary) once in each of its segments, in the month of its
 * `submittedAt`. The projector (per chunk) and the rebuild (from nothing) both fold
 * through it.
 *
 * @example
 * const fold = createTermFold([]);
 * fold.add(undefined, commentedDetractor); // +1 count and detractorCount for each of its terms
 * fold.deltas();
 */
export const createTermFold = (combinations: readonly Combination[]) => {
  const items = new Map<string, TermDelta>();
  const itemOf = (segment: string, month: string) => {
    const id = `${segment}|${month}`;
    const item = items.get(id) ?? { segment, month, id, terms: new Map() };
    items.set(id, item);
    return item;
  };
  const apply = (state: ResponseState, sign: 1 | -1) => {
    const terms = state.commentVersion !== undefined ? (state.analysis?.terms ?? []) : [];
    if (!terms.length) return;
    const month = bucketKeysOf(Date.parse(state.submittedAt)).month;
    const change = countsOf(categoryOf(state.score), sign);
    for (const segment of segmentKeysOf(state.segments, combinations)) {
      const item = itemOf(segment, month);
      for (const term of terms)
        item.terms.set(term.key, addEntry(item.terms.get(term.key), { text: term.text, ...change }));
    }
  };
  return {
    add(before: ResponseState | undefined, after: ResponseState | undefined): void {
      if (before?.status === 'active') apply(before, -1);
      if (after?.status === 'active') apply(after, 1);
    },
    /** Non-zero deltas, one per item, zero term changes left out. */
    deltas(): TermDelta[] {
      for (const item of items.values())
        for (const [key, entry] of item.terms) if (isZero(entry)) item.terms.delete(key);
      return [...items.values()].filter((item) => item.terms.size > 0);
    },
  };
};

/** Rough stored size of an entry (key, form and three counts): what the prune keeps under the item limit. */
const entryBytes = (key: string, entry: TermEntry) => key.length + entry.text.length + 24;

/**
 * A stored item's terms after a change: counts added, terms whose count reaches 0 (or
 * below: a term pruned earlier) removed with their name, so that an erased comment's
 * words leave nothing behind. When the item would outgrow `maxBytes`, the terms in the
 * fewest comments are pruned (ties: the longest key first) until it fits: a month keeps its
 * most frequent terms, the documented approximation of very large months.
 *
 * @example
 * applyTermDelta(new Map([['en:slow', { text: 'slow', count: 1, detractorCount: 1, promoterCount: 0 }]]),
 * erasure).size; // 0
 */
export const applyTermDelta = (
  stored: ReadonlyMap<string, TermEntry>,
  delta: ReadonlyMap<string, TermEntry>,
  maxBytes = Infinity,
) => {
  const next = new Map(stored);
  for (const [key, change] of delta) {
    const after = addEntry(next.get(key), change);
    if (after.count > 0)
      next.set(key, {
        ...after,
        detractorCount: Math.max(0, after.detractorCount),
        promoterCount: Math.max(0, after.promoterCount),
      });
    else next.delete(key);
  }
  return pruneTerms(next, maxBytes);
};

const pruneTerms = (terms: Map<string, TermEntry>, maxBytes: number) => {
  let bytes = 0;
  for (const [key, entry] of terms) bytes += entryBytes(key, entry);
  if (bytes <= maxBytes) return terms;
  const rarestFirst = [...terms].sort(
    ([ka, a], [kb, b]) => a.count - b.count || kb.length - ka.length || (ka < kb ? -1 : 1),
  );
  for (const [key, entry] of rarestFirst) {
    if (bytes <= maxBytes) break;
    terms.delete(key);
    bytes -= entryBytes(key, entry);
  }
  return terms;
};

/**
 * The counts of the term items read for a range, summed per term across months: what
 * `discoverTerms` ranks.
 *
 * @example
 * sumTermItems([january, february]); // [{ key: 'fr:attent', language: 'fr', text: 'attente', count: 41, … }, …]
 */
export const sumTermItems = (items: Iterable<ReadonlyMap<string, TermEntry>>): TermCounts[] => {
  const sums = new Map<string, TermCounts>();
  for (const item of items) {
    for (const [key, entry] of item) {
      const sum = sums.get(key) ?? {
        key,
        language: key.slice(0, key.indexOf(':')) as Language,
        ...entry,
        count: 0,
        detractorCount: 0,
        promoterCount: 0,
      };
      sum.count += entry.count;
      sum.detractorCount += entry.detractorCount;
      sum.promoterCount += entry.promoterCount;
      sums.set(key, sum);
    }
  }
  return [...sums.values()];
};
