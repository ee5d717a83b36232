import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { InvariantError } from '../../../domain/errors';
import { type Aggregates, addAggregates, aggregatesDelta, aggregatesOf } from '../../../domain/respondents/aggregates';
import { applyRespondentChange, type RespondentChange } from '../../../domain/respondents/changes';
import type { RespondentResponse } from '../../../domain/respondents/history';
import type { Combination } from '../../../domain/segments';
import { batchGetAll, type TransactItem } from '../dynamodb';
import { versionCondition } from './items';

/**
 * Respondent views (SPEC §7): one item per generation and respondent key, holding the
 * respondentId and the respondent's responses as JSON with a version; written like term
 * items (read, changed, put back conditioned on the version, in the group's transaction),
 * with `ADD`s to the aggregate items (transitions, risk examples) in the same transaction.
 * `lpk`/`lsk` place the view in the `respondentsByUpdate` index (`updatedAt#key`), which
 * the paged list walks.
 */
export const respondentKeys = {
  view: (generation: number, key: string) => ({ pk: `r#${generation}#${key}`, sk: '-' }),
  /** `d|YYYY-MM-DD` and `m|YYYY-MM` items (`domain/respondents/aggregates.ts`). */
  aggregate: (generation: number, sk: string) => ({ pk: `ra#${generation}`, sk }),
  listPartition: (generation: number) => `rl#${generation}`,
  viewPrefix: (generation: number) => `r#${generation}#`,
};

export const RESPONDENT_INDEX = 'respondentsByUpdate';

/** A stored view: its version (0 when absent), respondentId, responses and when it changed. */
export interface StoredView {
  version: number;
  respondentId?: string;
  responses: RespondentResponse[];
  updatedAt?: string;
}

const ABSENT: StoredView = { version: 0, responses: [] };

const responsesSchema = z.array(
  z.tuple([
    z.string(),
    z.number().int(),
    z.string(),
    z.record(z.string(), z.string()),
    z.enum(['positive', 'negative', 'neutral', 'mixed']).optional(),
  ]),
);
const viewSchema = z.object({ pk: z.string(), v: z.number().int(), id: z.string(), responses: z.string(), updatedAt: z.string() });

export const viewOf = (item: unknown): Required<StoredView> & { key: string } => {
  const parsed = viewSchema.safeParse(item);
  const responses = parsed.success ? responsesSchema.safeParse(JSON.parse(parsed.data.responses)) : undefined;
  if (!parsed.success || !responses?.success) throw new InvariantError('malformed respondent item');
  return {
    key: parsed.data.pk.slice(parsed.data.pk.lastIndexOf('#') + 1),
    version: parsed.data.v,
    respondentId: parsed.data.id,
    updatedAt: parsed.data.updatedAt,
    responses: responses.data.map(([responseId, score, submittedAt, segments, commentSentiment]) => ({
      responseId,
      score,
      submittedAt,
      segments,
      ...(commentSentiment ? { commentSentiment } : {}),
    })),
  };
};

const encode = (responses: readonly RespondentResponse[]) =>
  JSON.stringify(
    responses.map((r) => [r.responseId, r.score, r.submittedAt, r.segments, ...(r.commentSentiment ? [r.commentSentiment] : [])]),
  );

/** The item of a view (without version condition). */
export const viewItem = (
  generation: number,
  view: { key: string; respondentId: string; responses: readonly RespondentResponse[]; version: number; updatedAt: string },
) => ({
  ...respondentKeys.view(generation, view.key),
  id: view.respondentId,
  v: view.version,
  responses: encode(view.responses),
  updatedAt: view.updatedAt,
  lpk: respondentKeys.listPartition(generation),
  lsk: `${view.updatedAt}#${view.key}`,
});

/** The current state of the views some changes concern (consistent reads), by key. */
export const readViews = async (
  client: DynamoDBDocumentClient,
  { table, generation, changes }: { table: string; generation: number; changes: readonly RespondentChange[] },
): Promise<Map<string, StoredView>> => {
  if (!changes.length) return new Map();
  const keys = changes.map((c) => respondentKeys.view(generation, c.key));
  const items = await batchGetAll(client, { table, keys, consistentRead: true });
  const found = new Map(items.map((item) => viewOf(item)).map((view) => [view.key, view as StoredView]));
  return new Map(changes.map((c) => [c.key, found.get(c.key) ?? ABSENT]));
};

/** `ADD` updates of aggregate items by a delta. */
export const aggregateUpdates = (table: string, generation: number, delta: Aggregates): TransactItem[] =>
  [...delta]
    .filter(([, attributes]) => [...attributes.values()].some((v) => v !== 0))
    .map(([sk, attributes]) => {
      const changed = [...attributes].filter(([, value]) => value !== 0);
      return {
        Update: {
          TableName: table,
          Key: respondentKeys.aggregate(generation, sk),
          UpdateExpression: `ADD ${changed.map((_, i) => `#a${i} :a${i}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(changed.map(([name], i) => [`#a${i}`, name])),
          ExpressionAttributeValues: Object.fromEntries(changed.map(([, value], i) => [`:a${i}`, value])),
        },
      };
    });

/** What respondent changes write: the views' puts and deletes, and their coalesced aggregate deltas. */
interface RespondentParts {
  views: TransactItem[];
  delta: Aggregates;
}

type RespondentContext = { generation: number; combinations: readonly Combination[]; updatedAt: string };

/** One change over its view as read: the view's write and its aggregates' delta (none when the view is unchanged). */
const changeParts = (table: string, context: RespondentContext, change: RespondentChange, stored: ReadonlyMap<string, StoredView>) => {
  const view = stored.get(change.key) ?? ABSENT;
  const next = applyRespondentChange(view.responses, change);
  if (encode(next) === encode(view.responses)) return { views: [], delta: new Map() }; // unchanged: keeps its place in the list
  const delta = aggregatesDelta(aggregatesOf(view.responses, context.combinations), aggregatesOf(next, context.combinations));
  return { views: viewWrite(table, context, { change, view, next }), delta };
};

/**
 * The writes of respondent changes over the views as read: each view put back changed
 * (or deleted when no response is left), conditioned on the version read, and the
 * aggregate items changed by the difference, coalesced into one `ADD` per item.
 */
export const respondentWrites = (
  table: string,
  context: RespondentContext,
  changes: readonly RespondentChange[],
  stored: ReadonlyMap<string, StoredView>,
): TransactItem[] => {
  const parts: RespondentParts = { views: [], delta: new Map() };
  for (const change of changes) {
    const { views, delta } = changeParts(table, context, change, stored);
    parts.views.push(...views);
    addAggregates(parts.delta, delta);
  }
  return [...parts.views, ...aggregateUpdates(table, context.generation, parts.delta)];
};

/** Bytes a transaction item takes, near enough for DynamoDB's 4 MB per transaction (its JSON in UTF-8). */
export const sizeOf = (items: readonly TransactItem[]) => items.reduce((sum, item) => sum + Buffer.byteLength(JSON.stringify(item)), 0);

/**
 * The longest run of `changes`, from the first, whose writes fit in `room` transaction
 * items and bytes (aggregate items counted once however many changes add to them): what a
 * group writes ahead of its own transaction when all of it would not fit in one.
 */
export const changesThatFit = (
  table: string,
  context: RespondentContext,
  {
    changes,
    stored,
    room,
  }: { changes: readonly RespondentChange[]; stored: ReadonlyMap<string, StoredView>; room: { items: number; bytes: number } },
): RespondentChange[] => {
  const aggregateItems = new Set<string>();
  const used = { views: 0, bytes: 0 };
  let count = 0;
  for (const change of changes) {
    const parts = changeParts(table, context, change, stored);
    const added = [...parts.delta.keys()].filter((item) => !aggregateItems.has(item));
    const bytes = sizeOf(parts.views);
    if (used.views + parts.views.length + aggregateItems.size + added.length > room.items || used.bytes + bytes > room.bytes) break;
    used.views += parts.views.length;
    used.bytes += bytes;
    for (const item of added) aggregateItems.add(item);
    count++;
  }
  return changes.slice(0, count);
};

/** The put (or delete, when no response is left) of a changed view, conditioned on the version read. */
const viewWrite = (
  table: string,
  { generation, updatedAt }: RespondentContext,
  { change, view, next }: { change: RespondentChange; view: StoredView; next: RespondentResponse[] },
): TransactItem[] => {
  const key = respondentKeys.view(generation, change.key);
  const condition = versionCondition('v', view.version);
  if (!next.length) return view.version ? [{ Delete: { TableName: table, Key: key, ...condition } }] : [];
  const respondentId = change.respondentId ?? view.respondentId;
  if (respondentId === undefined) return [];
  const item = viewItem(generation, { key: change.key, respondentId, responses: next, version: view.version + 1, updatedAt });
  return [{ Put: { TableName: table, Item: item, ...condition } }];
};
