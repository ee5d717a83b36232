import * as z from 'zod';
import { InvariantError } from '../../../domain/errors';
import {
  type ChunkDefinition,
  type EventRef,
  INITIAL_META,
  type ProjectionMeta,
  type SegmentCheckpoint,
  type StoredDocument,
} from '../../projection-engine/store';
import { projectionKeys } from './keys';

/** Parses an item read back; an item that does not match is a broken invariant, not a client error. */
const parse = <S extends z.ZodType>(schema: S, item: unknown, what: string): z.infer<S> => {
  const parsed = schema.safeParse(item);
  if (!parsed.success)
    throw new InvariantError(`malformed ${what} item: ${parsed.error.message}`, { cause: parsed.error });
  return parsed.data;
};

const count = z.number().int();

/** Attributes of the table's own: keys, version, list position, expiry. */
const RESERVED = new Set(['pk', 'sk', 'v', 'lpk', 'lsk', 'expiresAt']);

/** The counts of an item: its numeric attributes but the table's own. */
export const countsOf = (item: Record<string, unknown> | undefined): Record<string, number> =>
  Object.fromEntries(
    Object.entries(item ?? {}).filter(
      (entry): entry is [string, number] => typeof entry[1] === 'number' && !RESERVED.has(entry[0]),
    ),
  );

/** A versioned document read back: its version and its attributes but the table's own. */
export const documentOf = (item: Record<string, unknown>): StoredDocument => ({
  version: parse(count, item.v, 'document version'),
  attributes: Object.fromEntries(Object.entries(item).filter(([name]) => !RESERVED.has(name))),
});

const setItemSchema = z.object({ sk: z.string(), values: z.set(z.string()) });

/** A set item read back: its sort key and values. */
export const setOf = (item: unknown) => {
  const entry = parse(setItemSchema, item, 'set');
  return { sort: entry.sk, values: [...entry.values] };
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
  projections: z.array(z.string()).optional(),
});

export const chunkDefinitionOf = (key: string, item: unknown): ChunkDefinition => {
  const { since, projections, ...definition } = parse(chunkItemSchema, item, 'chunk definition');
  return { key, ...definition, ...(since ? { since } : {}), ...(projections ? { projections } : {}) };
};

export const chunkDefinitionItem = (chunk: ChunkDefinition, expiresAt: number) => ({
  ...projectionKeys.chunk(chunk.key),
  members: chunk.members,
  groupCount: chunk.groupCount,
  generation: chunk.generation,
  planHash: chunk.planHash,
  expiresAt,
  ...(chunk.since ? { since: chunk.since } : {}),
  ...(chunk.projections ? { projections: chunk.projections } : {}),
});

const journalItemSchema = z.object({
  sk: z.string(),
  events: z.array(z.object({ responseId: z.string(), version: count })),
});

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

export const checkpointOf = (item: unknown): SegmentCheckpoint =>
  parse(checkpointItemSchema, item, 'rebuild checkpoint');

const episodeItemSchema = z.object({
  sk: z.string(),
  open: z.boolean(),
  version: count,
  alertId: z.string().optional(),
});

export const episodeOf = (item: unknown) => parse(episodeItemSchema, item, 'alert episode');

/** Condition that an item is at `version` of a numeric attribute (absent counts as 0). */
export const versionCondition = (attribute: string, version: number) =>
  version === 0
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : { ConditionExpression: `${attribute} = :version`, ExpressionAttributeValues: { ':version': version } };
