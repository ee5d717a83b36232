import type { TermEntry } from '../../domain/term-counts';
import { isTallyName, type Tallies } from '../../domain/theme-tallies';
import type { ItemKey } from '../../functions/projection-engine/projection';
import type { ProjectionStore, SortRange, StoredDocument } from '../../functions/projection-engine/store';
import type { Aggregates } from '../../functions/projections/respondents/aggregates';
import { viewOf } from '../../functions/projections/respondents/views';
import type { MemoryItem, MemoryState } from './memory-projection-store';

const ABSENT: StoredDocument = { version: 0, attributes: {} };

/** The items of a sort range, in sort order. */
const itemsIn = (state: MemoryState, generation: number, range: SortRange): [string, MemoryItem][] =>
  [...(state.partitions.get(`${generation}|${range.model}|${range.partition}`) ?? new Map<string, MemoryItem>())]
    .filter(
      ([sort]) => (range.from === undefined || sort >= range.from) && (range.to === undefined || sort <= range.to),
    )
    .filter(([sort]) => range.prefix === undefined || sort.startsWith(range.prefix))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

const itemAt = (state: MemoryState, generation: number, item: ItemKey) =>
  state.partitions.get(`${generation}|${item.model}|${item.partition}`)?.get(item.sort);

/** Every item of a model in a generation, with its partition and sort key. */
const itemsOf = (state: MemoryState, generation: number, model: string) => {
  const prefix = `${generation}|${model}|`;
  return [...state.partitions].flatMap(([key, items]) =>
    key.startsWith(prefix)
      ? [...items].map(([sort, item]) => ({ partition: key.slice(prefix.length), sort, item }))
      : [],
  );
};

/** Deletes the keys that start with `prefix`; answers how many. */
const deleteStarting = (keys: Map<string, unknown> | Set<string>, prefix: string) => {
  const doomed = [...keys.keys()].filter((key) => key.startsWith(prefix));
  for (const key of doomed) keys.delete(key);
  return doomed.length;
};

/** A counter's cell id (`segment|granularity|bucket`) from its partition (`segment#granularity`) and sort key. */
const cellOf = (partition: string, sort: string) => `${partition.replace('#', '|')}|${sort}`;

const countsOf = (item: MemoryItem | undefined) => (item && 'counts' in item ? item.counts : {});
const nonZero = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).filter(([, value]) => value !== 0));

/** The read verbs of the in-memory store, and what the tests compare with their references. */
export const memoryReadModels = (state: MemoryState) => {
  const store: Omit<
    ProjectionStore,
    'transact' | 'readMeta' | 'writeMeta' | 'findChunk' | 'putContinuation' | 'readCheckpoint' | 'writeCheckpoint'
  > = {
    readDocuments: async (generation, items) => {
      const value = items.map((item) => {
        const stored = itemAt(state, generation, item);
        return stored && 'document' in stored ? stored.document : ABSENT;
      });
      return { value, itemsRead: value.filter((d) => d.version > 0).length };
    },
    readCounts: async (generation, items) => {
      const value = items.map((item) => countsOf(itemAt(state, generation, item)));
      return { value, itemsRead: value.filter((counts) => Object.keys(counts).length > 0).length };
    },
    readCountRange: async (generation, range) => {
      const value = itemsIn(state, generation, range).map(([sort, item]) => ({ sort, counts: countsOf(item) }));
      return { value, itemsRead: value.length };
    },
    readSetRange: async (generation, range) => {
      const value = itemsIn(state, generation, range).map(([sort, item]) => ({
        sort,
        values: 'values' in item ? [...item.values] : [],
      }));
      return { value, itemsRead: value.length };
    },
    readDocumentRange: async (generation, range) => {
      const value = itemsIn(state, generation, range).flatMap(([sort, item]) =>
        'document' in item ? [{ sort, document: item.document }] : [],
      );
      return { value, itemsRead: value.length };
    },
    readDocumentPage: async (generation, page) => {
      const inRange = itemsIn(state, generation, page).flatMap(([sort, item]) =>
        'document' in item ? [{ sort, document: item.document }] : [],
      );
      const ordered = page.descending ? inRange.reverse() : inRange;
      const rest = ordered.filter(
        ({ sort }) => page.after === undefined || (page.descending ? sort < page.after : sort > page.after),
      );
      return {
        value: { documents: rest.slice(0, page.limit), more: rest.length > page.limit },
        itemsRead: Math.min(page.limit, rest.length),
      };
    },
    listDocuments: async (generation, model, { after, limit, newestFirst = false }) => {
      const listed = itemsOf(state, generation, model)
        .flatMap(({ item }) =>
          'document' in item && item.listKey ? [{ listKey: item.listKey, document: item.document }] : [],
        )
        .sort((a, b) => (a.listKey < b.listKey ? -1 : 1) * (newestFirst ? -1 : 1))
        .filter(({ listKey }) => after === undefined || (newestFirst ? listKey < after : listKey > after));
      return {
        value: { documents: listed.slice(0, limit), exhausted: listed.length <= limit },
        itemsRead: Math.min(limit, listed.length),
      };
    },
    listJournal: async (generation) =>
      [...state.journal].filter(([key]) => key.startsWith(`${generation}|`)).map(([, entry]) => entry),
    deleteGeneration: async (generation, models) => {
      const owned = [...state.partitions].filter(([key]) =>
        models.some((model) => key.startsWith(`${generation}|${model}|`)),
      );
      for (const [key] of owned) state.partitions.delete(key);
      const items = owned.reduce((sum, [, partition]) => sum + partition.size, 0);
      return (
        items +
        deleteStarting(state.journal, `${generation}|`) +
        deleteStarting(state.checkpoints, `${generation}|`) +
        deleteStarting(state.markers, `jm|${generation}|`)
      );
    },
  };
  const models = {
    /** Counters of a generation, `segment|granularity|bucket` → histogram, zero histograms left out. */
    counters: (generation: number) =>
      new Map(
        itemsOf(state, generation, 'counter')
          .map(
            ({ partition, sort, item }) =>
              [cellOf(partition, sort), Array.from({ length: 11 }, (_, s) => countsOf(item)[`s${s}`] ?? 0)] as const,
          )
          .filter(([, counts]) => counts.some((c) => c !== 0)),
      ),
    /** Comment tallies of a generation, cell id → tallies, empty ones left out. */
    tallies: (generation: number) =>
      new Map(
        itemsOf(state, generation, 'counter')
          .map(({ partition, sort, item }): [string, Tallies] => [
            cellOf(partition, sort),
            nonZero(Object.fromEntries(Object.entries(countsOf(item)).filter(([name]) => isTallyName(name)))),
          ])
          .filter(([, tallies]) => Object.keys(tallies).length > 0),
      ),
    /** Term counts of a generation: `segment|month|term key` → counts. */
    terms: (generation: number) => {
      const found = new Map<string, TermEntry>();
      for (const { partition, sort, item } of itemsOf(state, generation, 'terms')) {
        if (!('document' in item)) continue;
        for (const [key, text, count, detractorCount, promoterCount] of JSON.parse(
          String(item.document.attributes.terms),
        ))
          found.set(`${partition}|${sort}|${key}`, { text, count, detractorCount, promoterCount });
      }
      return found;
    },
    /** Respondent views of a generation, key → respondentId and responses in event-time order. */
    views: (generation: number) =>
      new Map(
        itemsOf(state, generation, 'respondent').flatMap(({ partition, item }) => {
          if (!('document' in item)) return [];
          const { respondentId, responses } = viewOf(item.document.attributes);
          return [[partition, { respondentId, responses }] as const];
        }),
      ),
    /** Loop counts (`l.` on day and month counter items) as lines `segment#d|day name value`, zeros left out. */
    loop: (generation: number): string[] =>
      itemsOf(state, generation, 'counter')
        .flatMap(({ partition, sort, item }) => {
          const [segment, granularity] = [partition.slice(0, partition.lastIndexOf('#')), partition.split('#').at(-1)];
          const bucket = `${granularity === 'day' ? 'd' : 'm'}|${sort}`;
          return Object.entries(nonZero(countsOf(item)))
            .filter(([name]) => name.startsWith('l.'))
            .map(([name, value]) => `${segment}#${bucket} ${name.slice(2)} ${value}`);
        })
        .sort(),
    /** Respondent aggregates of a generation, zero counts and empty items left out. */
    aggregates: (generation: number): Aggregates =>
      new Map(
        itemsOf(state, generation, 'respondent-aggregates')
          .map(({ sort, item }) => [sort, new Map(Object.entries(nonZero(countsOf(item))))] as const)
          .filter(([, counts]) => counts.size > 0),
      ),
    setMeta: (next: MemoryState['meta']) => {
      state.meta = next;
    },
    outbox: state.outbox,
    stats: state.stats,
  };
  return { store, models };
};
