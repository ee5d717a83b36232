import * as z from 'zod';
import { InvariantError } from '../../domain/errors';
import { applyTermDelta, createTermFold, type TermDelta, type TermEntry } from '../../domain/term-counts';
import type { Projection } from '../projection-engine/projection';
import type { Metered, ProjectionStore } from '../projection-engine/store';

/**
 * Discovered terms (`/v1/themes/discover`): per segment and month, the counts of every
 * word and phrase of the comments, as one document. Unlike counters it is read, changed
 * and put back conditioned on its version: an open vocabulary outgrows an update
 * expression, and a term brought to 0 must disappear with its name (an erased comment's
 * words leave nothing behind).
 */
const MODEL = 'terms';

/**
 * Size a term document is pruned to (its rarest terms dropped): about 3,000 terms, well
 * under DynamoDB's 400 KB item with accents (two UTF-8 bytes) included, and small enough
 * for 24 of them in one 4 MB transaction.
 */
export const MAX_TERM_ITEM_BYTES = 100_000;

const entriesSchema = z.array(z.tuple([z.string(), z.string(), z.number().int(), z.number().int(), z.number().int()]));

/** The terms of a stored document. */
const termsOf = (attributes: Record<string, unknown> | undefined): Map<string, TermEntry> => {
  if (!attributes) return new Map();
  const entries =
    typeof attributes.terms === 'string' ? entriesSchema.safeParse(JSON.parse(attributes.terms)) : undefined;
  if (!entries?.success) throw new InvariantError('malformed term item');
  return new Map(
    entries.data.map(([key, text, count, detractorCount, promoterCount]) => [
      key,
      { text, count, detractorCount, promoterCount },
    ]),
  );
};

const encode = (terms: ReadonlyMap<string, TermEntry>) =>
  JSON.stringify([...terms].map(([key, e]) => [key, e.text, e.count, e.detractorCount, e.promoterCount]));

/** The update of one term document: counts added, emptied terms removed, pruned to size; deleted once empty. */
const updateOf = (delta: TermDelta) => (stored: Record<string, unknown> | undefined) => {
  const next = applyTermDelta(termsOf(stored), delta.terms, MAX_TERM_ITEM_BYTES);
  return next.size ? { value: { attributes: { terms: encode(next) } } } : { remove: true };
};

export const terms: Projection<ReturnType<typeof createTermFold>> = {
  name: 'terms',
  version: 1,
  models: [MODEL],
  handles: ['ResponseSubmitted', 'ResponseAmended', 'ResponseErased'],
  init: ({ combinations }) => createTermFold(combinations),
  fold: (fold, { before, after }) => {
    fold.add(before, after);
    return fold;
  },
  changes: (fold) =>
    fold.deltas().map((delta) => ({
      kind: 'update',
      id: `t|${delta.id}`,
      item: { model: MODEL, partition: delta.segment, sort: delta.month },
      apply: updateOf(delta),
      weight: { bulky: true },
    })),
};

/**
 * The term documents of a segment for the months from..to (`YYYY-MM`, inclusive), each term key → counts.
 *
 * @example
 * const { value: months } = await readTerms(store, { generation: 1, segment: 'all', fromMonth: '2026-01', toMonth:
 * '2026-12' });
 */
export const readTerms = async (
  store: ProjectionStore,
  {
    generation,
    segment,
    fromMonth,
    toMonth,
  }: { generation: number; segment: string; fromMonth: string; toMonth: string },
): Promise<Metered<Map<string, TermEntry>[]>> => {
  const read = await store.readDocumentRange(generation, {
    model: MODEL,
    partition: segment,
    from: fromMonth,
    to: toMonth,
  });
  return { value: read.value.map(({ document }) => termsOf(document.attributes)), itemsRead: read.itemsRead };
};
