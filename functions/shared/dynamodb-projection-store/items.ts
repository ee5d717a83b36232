import * as z from 'zod';
import { GRANULARITIES, type Granularity } from '../../../domain/buckets';
import { InvariantError } from '../../../domain/errors';
import type { CounterDelta } from '../../../domain/projection';
import { SCORE_COUNT } from '../../../domain/score';
import { isTallyName, type Tallies } from '../../../domain/theme-tallies';
import type { TransactItem } from '../dynamodb';
import { type ChunkDefinition, type EventRef, INITIAL_META, type ProjectionMeta, type SegmentCheckpoint } from '../projection-store';

/**
 * The items of the projections table (`pk`, `sk`), one key prefix per kind, and how each
 * is written and read back (parsed, never cast). Every adapter of the table goes through
 * these: the projector, the queries, the rebuild and the alert episodes.
 */
export const projectionKeys = {
  counter: (generation: number, segment: string, granularity: Granularity, bucket: string) => ({
    pk: `c#${generation}#${segment}#${granularity}`,
    sk: bucket,
  }),
  catalog: (generation: number, dimension: string) => ({ pk: `d#${generation}`, sk: dimension }),
  /** A chunk's definition (`sk` '-') and the markers of its later groups (`sk` 'g1', 'g2', …) share a partition. */
  chunk: (key: string, group = 0) => ({ pk: `m#${key}`, sk: group === 0 ? '-' : `g${group}` }),
  journal: (generation: number, key: string) => ({ pk: `j#${generation}`, sk: key }),
  /** That a group of a journal entry was applied to its generation. */
  journalMarker: (generation: number, key: string, group: number) => ({ pk: `jm#${generation}`, sk: `${key}#${group}` }),
  meta: () => ({ pk: 'meta', sk: 'projection' }),
  /** Where a rebuild worker stands in its segment of the scan. */
  checkpoint: (generation: number, segment: number) => ({ pk: `rc#${generation}`, sk: String(segment) }),
  /** The alert episode state of a segment. */
  episode: (segment: string) => ({ pk: 'alerts', sk: segment }),
};

/** Key prefixes of everything a generation owns (counters, catalogue, journal and its markers; term items: `termKeys`), for deleting it. */
export const generationPrefixes = (generation: number) => ({
  counter: `c#${generation}#`,
  catalog: projectionKeys.catalog(generation, '').pk,
  journal: projectionKeys.journal(generation, '').pk,
  journalMarks: projectionKeys.journalMarker(generation, '', 0).pk,
  checkpoints: projectionKeys.checkpoint(generation, 0).pk,
});

const SCORE_ATTRIBUTES = Array.from({ length: SCORE_COUNT }, (_, score) => `s${score}`);

/** Parses an item read back; an item that does not match is a broken invariant, not a client error. */
const parse = <S extends z.ZodType>(schema: S, item: unknown, what: string): z.infer<S> => {
  const parsed = schema.safeParse(item);
  if (!parsed.success) throw new InvariantError(`malformed ${what} item: ${parsed.error.message}`, { cause: parsed.error });
  return parsed.data;
};

const count = z.number().int();
const counterItemSchema = z.looseObject({
  pk: z.string().regex(/^c#\d+#.+#(hour|day|week|month)$/),
  sk: z.string(),
  ...Object.fromEntries(SCORE_ATTRIBUTES.map((name) => [name, count.optional()])),
});

/** A counter item read back: its granularity, bucket, histogram and comment tallies. */
export const counterOf = (item: unknown): { granularity: Granularity; bucket: string; scores: number[]; tallies: Tallies } => {
  const counter = parse(counterItemSchema, item, 'counter') as Record<string, unknown> & { pk: string; sk: string };
  const granularity = z.enum(GRANULARITIES).parse(counter.pk.slice(counter.pk.lastIndexOf('#') + 1));
  const tallies = Object.fromEntries(
    Object.entries(counter)
      .filter(([name]) => isTallyName(name))
      .map(([name, value]) => [name, count.parse(value)]),
  );
  return { granularity, bucket: counter.sk, scores: SCORE_ATTRIBUTES.map((name) => Number(counter[name] ?? 0)), tallies };
};

const metaItemSchema = z.object({
  revision: count,
  current: count,
  currentSince: z.string().optional(),
  buildingGeneration: count.optional(),
  buildingSince: z.string().optional(),
});

export const metaOf = (item: unknown): ProjectionMeta => {
  if (item === undefined) return INITIAL_META;
  const meta = parse(metaItemSchema, item, 'meta');
  return {
    revision: meta.revision,
    current: meta.current,
    ...(meta.currentSince !== undefined ? { currentSince: meta.currentSince } : {}),
    ...(meta.buildingGeneration !== undefined
      ? { building: { generation: meta.buildingGeneration, since: meta.buildingSince ?? '' } }
      : {}),
  };
};

export const metaItem = (meta: ProjectionMeta) => ({
  ...projectionKeys.meta(),
  revision: meta.revision,
  current: meta.current,
  ...(meta.currentSince ? { currentSince: meta.currentSince } : {}),
  ...(meta.building ? { buildingGeneration: meta.building.generation, buildingSince: meta.building.since } : {}),
});

const chunkItemSchema = z.object({
  members: z.array(z.string()),
  groupCount: count,
  generation: count,
  planHash: z.string(),
  since: z.string().optional(),
});

export const chunkDefinitionOf = (key: string, item: unknown): ChunkDefinition => {
  const { since, ...definition } = parse(chunkItemSchema, item, 'chunk definition');
  return { key, ...definition, ...(since ? { since } : {}) };
};

export const chunkDefinitionItem = (chunk: ChunkDefinition, expiresAt: number) => ({
  ...projectionKeys.chunk(chunk.key),
  members: chunk.members,
  groupCount: chunk.groupCount,
  generation: chunk.generation,
  planHash: chunk.planHash,
  expiresAt,
  ...(chunk.since ? { since: chunk.since } : {}),
});

const catalogItemSchema = z.object({ sk: z.string(), values: z.set(z.string()) });

export const catalogEntryOf = (item: unknown): [dimension: string, values: string[]] => {
  const entry = parse(catalogItemSchema, item, 'catalogue');
  return [entry.sk, [...entry.values].sort()];
};

const journalItemSchema = z.object({ sk: z.string(), events: z.array(z.object({ responseId: z.string(), version: count })) });

export const journalEntryOf = (item: unknown): { key: string; events: EventRef[] } => {
  const entry = parse(journalItemSchema, item, 'journal');
  return { key: entry.sk, events: entry.events };
};

const checkpointItemSchema = z.object({
  after: z.object({ responseId: z.string(), version: count }).optional(),
  done: z.boolean(),
  pages: count,
  responses: count,
  events: count,
  reanalysed: count,
});

export const checkpointOf = (item: unknown): SegmentCheckpoint => parse(checkpointItemSchema, item, 'rebuild checkpoint');

const episodeItemSchema = z.object({ sk: z.string(), open: z.boolean(), version: count, alertId: z.string().optional() });

export const episodeOf = (item: unknown) => parse(episodeItemSchema, item, 'alert episode');

/** An `ADD` update of a counter item by a histogram and tallies delta (zero entries left out). */
export const counterUpdate = (table: string, generation: number, delta: CounterDelta): TransactItem => {
  const changed: [attribute: string, value: number][] = [
    ...delta.scores.flatMap((value, score): [string, number][] => (value ? [[SCORE_ATTRIBUTES[score]!, value]] : [])),
    ...Object.entries(delta.tallies).filter(([, value]) => value !== 0),
  ];
  return {
    Update: {
      TableName: table,
      Key: projectionKeys.counter(generation, delta.segment, delta.granularity, delta.bucket),
      UpdateExpression: `ADD ${changed.map((_, i) => `#a${i} :a${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(changed.map(([attribute], i) => [`#a${i}`, attribute])),
      ExpressionAttributeValues: Object.fromEntries(changed.map(([, value], i) => [`:a${i}`, value])),
    },
  };
};

/** `ADD` updates of the catalogue: the values seen per dimension. */
export const catalogUpdates = (table: string, generation: number, catalog: Record<string, string[]>): TransactItem[] =>
  Object.entries(catalog).map(([dimension, values]) => ({
    Update: {
      TableName: table,
      Key: projectionKeys.catalog(generation, dimension),
      UpdateExpression: 'ADD #values :values',
      ExpressionAttributeNames: { '#values': 'values' },
      ExpressionAttributeValues: { ':values': new Set(values) },
    },
  }));

/** Condition that an item is at `version` of a numeric attribute (absent counts as 0). */
export const versionCondition = (attribute: string, version: number) =>
  version === 0
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : { ConditionExpression: `${attribute} = :version`, ExpressionAttributeValues: { ':version': version } };

/** Condition that the meta item is still at `revision`. */
export const metaCheck = (table: string, revision: number): TransactItem => ({
  ConditionCheck: { TableName: table, Key: projectionKeys.meta(), ...versionCondition('revision', revision) },
});
