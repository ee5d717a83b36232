import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { InvariantError } from '../../../domain/errors';
import { applyTermDelta, type TermDelta, type TermEntry } from '../../../domain/term-counts';
import { batchGetAll, type TransactItem } from '../dynamodb';
import { versionCondition } from './items';

/**
 * Term items (`/v1/themes/discover`): per generation, segment and month, the
 * counts of every term in one JSON attribute, with a version. Unlike counters they are
 * not added to with `ADD` (an open vocabulary outgrows an update expression, and a term
 * brought to 0 must disappear with its name): a write reads the item, applies the change
 * and puts it back conditioned on the version it read, in the transaction of its group.
 */
export const termKeys = {
  item: (generation: number, segment: string, month: string) => ({ pk: `t#${generation}#${segment}`, sk: month }),
  prefix: (generation: number) => `t#${generation}#`,
};

/**
 * Size a term item is pruned to (its rarest terms dropped): about 3,000 terms, well under
 * the 400 KB item limit with accents (two UTF-8 bytes) included, and small enough for 24
 * of them in one 4 MB transaction.
 */
export const MAX_TERM_ITEM_BYTES = 100_000;

/** A stored term item: its version (0 when absent) and its terms. */
export interface StoredTerms {
  version: number;
  terms: Map<string, TermEntry>;
}

const ABSENT: StoredTerms = { version: 0, terms: new Map() };

const entriesSchema = z.array(z.tuple([z.string(), z.string(), z.number().int(), z.number().int(), z.number().int()]));
const itemSchema = z.object({ pk: z.string(), sk: z.string(), v: z.number().int(), terms: z.string() });

export const termItemOf = (item: unknown): StoredTerms & { sk: string } => {
  const parsed = itemSchema.safeParse(item);
  const entries = parsed.success ? entriesSchema.safeParse(JSON.parse(parsed.data.terms)) : undefined;
  if (!parsed.success || !entries?.success) throw new InvariantError('malformed term item');
  return {
    sk: parsed.data.sk,
    version: parsed.data.v,
    terms: new Map(
      entries.data.map(([key, text, count, detractorCount, promoterCount]) => [key, { text, count, detractorCount, promoterCount }]),
    ),
  };
};

const encode = (terms: ReadonlyMap<string, TermEntry>) =>
  JSON.stringify([...terms].map(([key, e]) => [key, e.text, e.count, e.detractorCount, e.promoterCount]));

/** The current state of the items some deltas change (consistent reads), by delta id. */
export const readTermItems = async (
  client: DynamoDBDocumentClient,
  { table, generation, deltas }: { table: string; generation: number; deltas: readonly TermDelta[] },
): Promise<Map<string, StoredTerms>> => {
  if (!deltas.length) return new Map();
  const keys = deltas.map((d) => termKeys.item(generation, d.segment, d.month));
  const items = await batchGetAll(client, { table, keys, consistentRead: true });
  const byKey = new Map(items.map((item) => [`${item.pk}|${item.sk}`, termItemOf(item)]));
  return new Map(
    deltas.map((d) => {
      const key = termKeys.item(generation, d.segment, d.month);
      return [d.id, byKey.get(`${key.pk}|${key.sk}`) ?? ABSENT];
    }),
  );
};

/**
 * The writes of term deltas over the items as read: each item put back changed,
 * conditioned on the version read (or deleted when no term is left).
 */
export const termWrites = (
  table: string,
  generation: number,
  deltas: readonly TermDelta[],
  stored: ReadonlyMap<string, StoredTerms>,
): TransactItem[] =>
  deltas.map((delta) => {
    const { version, terms } = stored.get(delta.id) ?? ABSENT;
    const key = termKeys.item(generation, delta.segment, delta.month);
    const next = applyTermDelta(terms, delta.terms, MAX_TERM_ITEM_BYTES);
    const condition = versionCondition('v', version);
    if (!next.size) return { Delete: { TableName: table, Key: key, ...condition } };
    return { Put: { TableName: table, Item: { ...key, v: version + 1, terms: encode(next) }, ...condition } };
  });
