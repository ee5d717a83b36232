import type { ItemKey, PlannedChange } from './projection';
import type { StoredDocument, Write } from './store';

type Update = Extract<PlannedChange, { kind: 'update' }>;
type Add = { item: ItemKey; counts: Record<string, number> };

/**
 * What updates write over their documents as read: the documents' puts (and deletes), and the counts they add
 * elsewhere.
 */
export interface DocumentWrites {
  puts: Write[];
  adds: Add[];
}

const ABSENT: StoredDocument = { version: 0, attributes: {} };

/** One string per item key: how the writer finds what it read of an item. */
export const documentKey = ({ model, partition, sort }: ItemKey) => `${model}\u0000${partition}\u0000${sort}`;

/**
 * Applies updates to their documents as read: each changed document is put back (or
 * deleted) conditioned on the version read; an update that changes nothing writes
 * nothing of its own. The counts they add are returned beside.
 *
 * @example
 * const { puts, adds } = documentWrites(updates, stored, keyOf);
 */
export const documentWrites = (
  updates: readonly Update[],
  stored: ReadonlyMap<string, StoredDocument>,
  keyOf: (item: ItemKey) => string,
): DocumentWrites => {
  const writes: DocumentWrites = { puts: [], adds: [] };
  for (const update of updates) {
    const document = stored.get(keyOf(update.item)) ?? ABSENT;
    const result = update.apply(document.version ? document.attributes : undefined);
    writes.adds.push(...(result.adds ?? []));
    if (result.value)
      writes.puts.push({ kind: 'put', item: update.item, expectedVersion: document.version, value: result.value });
    else if (result.remove && document.version)
      writes.puts.push({ kind: 'put', item: update.item, expectedVersion: document.version });
  }
  return writes;
};

/**
 * Adds to the same item coalesced into one write (a transaction may touch an item once),
 * zero counts and empty adds left out.
 *
 * @example
 * mergeAdds([{ kind: 'add', item, counts: { s3: 1 } }, { item, counts: { s3: -1, s4: 1 } }], keyOf); // one add: { s4:
 * 1 }
 */
export const mergeAdds = (writes: readonly (Add | Write)[], keyOf: (item: ItemKey) => string): Write[] => {
  const merged = new Map<string, { item: ItemKey; counts: Record<string, number> }>();
  const others: Write[] = [];
  for (const write of writes) {
    if ('kind' in write && write.kind !== 'add') {
      others.push(write);
      continue;
    }
    const add = write as Add;
    const entry = merged.get(keyOf(add.item)) ?? { item: add.item, counts: {} };
    for (const [name, value] of Object.entries(add.counts)) entry.counts[name] = (entry.counts[name] ?? 0) + value;
    merged.set(keyOf(add.item), entry);
  }
  const adds = [...merged.values()]
    .map(({ item, counts }) => ({
      item,
      counts: Object.fromEntries(Object.entries(counts).filter(([, value]) => value !== 0)),
    }))
    .filter(({ counts }) => Object.keys(counts).length > 0)
    .map(({ item, counts }): Write => ({ kind: 'add', item, counts }));
  return [...others, ...adds];
};

/**
 * Bytes a write takes in a transaction, near enough for DynamoDB's 4 MB: its JSON in UTF-8 and the item's key and
 * expressions.
 */
export const writeBytes = (write: Write): number => Buffer.byteLength(JSON.stringify(write)) + 150;
