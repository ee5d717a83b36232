import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Granularity } from '../../domain/buckets';
import type { CounterDelta } from '../../domain/projection';
import { SCORE_COUNT } from '../../domain/score';
import { guardDependency } from './dynamodb';
import { DependencyUnavailableError } from './errors';
import {
  bucketKey,
  type ChunkDefinition,
  type ChunkState,
  type GroupOutcome,
  type GroupWrite,
  INITIAL_META,
  type ProjectionMeta,
  type ProjectionStore,
} from './projection-store';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Item keys of the projections table (`pk`, `sk`), one prefix per kind of item. */
export const projectionKeys = {
  counter: (generation: number, segment: string, granularity: Granularity, bucket: string) => ({
    pk: `c#${generation}#${segment}#${granularity}`,
    sk: bucket,
  }),
  catalog: (generation: number, dimension: string) => ({ pk: `d#${generation}`, sk: dimension }),
  /** A chunk's definition (`sk` '-') and the markers of its later groups (`sk` 'g1', 'g2', …) share a partition. */
  chunk: (key: string, group = 0) => ({ pk: `m#${key}`, sk: group === 0 ? '-' : `g${group}` }),
  journal: (generation: number, key: string) => ({ pk: `j#${generation}`, sk: key }),
  meta: () => ({ pk: 'meta', sk: 'projection' }),
};

const SCORE_ATTRIBUTES = Array.from({ length: SCORE_COUNT }, (_, score) => `s${score}`);
const TRANSACTION_CONFLICT_RETRIES = 6;

const histogramOf = (item: Record<string, unknown>): number[] => SCORE_ATTRIBUTES.map((name) => Number(item[name] ?? 0));

const metaOf = (item: Record<string, unknown> | undefined): ProjectionMeta =>
  item
    ? {
        revision: Number(item.revision),
        current: Number(item.current),
        ...(item.currentSince !== undefined ? { currentSince: String(item.currentSince) } : {}),
        ...(item.buildingGeneration !== undefined
          ? { building: { generation: Number(item.buildingGeneration), since: String(item.buildingSince) } }
          : {}),
      }
    : INITIAL_META;

/** An `ADD` update of a counter item by a histogram delta (zero entries left out). */
export const counterUpdate = (table: string, generation: number, delta: CounterDelta): TransactItem => {
  const changed = delta.scores.flatMap((count, score) => (count ? [score] : []));
  return {
    Update: {
      TableName: table,
      Key: projectionKeys.counter(generation, delta.segment, delta.granularity, delta.bucket),
      UpdateExpression: `ADD ${changed.map((score) => `#s${score} :s${score}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(changed.map((score) => [`#s${score}`, `s${score}`])),
      ExpressionAttributeValues: Object.fromEntries(changed.map((score) => [`:s${score}`, delta.scores[score]])),
    },
  };
};

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

/** Condition that the meta item is still at `revision` (absent counts as revision 0). */
export const metaCheck = (table: string, revision: number): TransactItem => ({
  ConditionCheck: {
    TableName: table,
    Key: projectionKeys.meta(),
    ...(revision === 0
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : { ConditionExpression: 'revision = :revision', ExpressionAttributeValues: { ':revision': revision } }),
  },
});

const cancellationCodes = (error: unknown): string[] =>
  ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');

/**
 * Runs a transaction, retrying transaction conflicts (concurrent writers of the same
 * counters) with jittered backoff. Resolves the cancellation codes when a condition
 * failed, undefined on success.
 */
export const transact = async (client: DynamoDBDocumentClient, items: TransactItem[], token?: string): Promise<string[] | undefined> => {
  for (let attempt = 0; ; attempt++) {
    try {
      await guardDependency(() =>
        client.send(new TransactWriteCommand({ TransactItems: items, ...(token ? { ClientRequestToken: token } : {}) })),
      );
      return undefined;
    } catch (error) {
      if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') throw error;
      const codes = cancellationCodes(error);
      if (codes.includes('ConditionalCheckFailed')) return codes;
      if (attempt >= TRANSACTION_CONFLICT_RETRIES)
        throw new DependencyUnavailableError(`transaction cancelled: ${codes.join(',')}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
    }
  }
};

export interface DynamoDbProjectionStoreOptions {
  client: DynamoDBDocumentClient;
  table: string;
  /** The outbox table, for the projector's outbox entries. */
  outboxTable?: string;
}

/**
 * The read model on DynamoDB: counters as items with one number attribute per score,
 * added to with `ADD` so that concurrent writers commute.
 *
 * @example
 * const store = createDynamoDbProjectionStore({ client, table: 'Projections' });
 * const meta = await store.readMeta();
 */
export const createDynamoDbProjectionStore = ({ client, table, outboxTable }: DynamoDbProjectionStoreOptions): ProjectionStore => {
  const readMeta = async (): Promise<ProjectionMeta> =>
    metaOf(
      (await guardDependency(() => client.send(new GetCommand({ TableName: table, Key: projectionKeys.meta(), ConsistentRead: true }))))
        .Item,
    );

  const requireOutbox = (): string => {
    if (!outboxTable) throw new Error('this projection store has no outbox table');
    return outboxTable;
  };

  const definitionItem = (chunk: ChunkDefinition, expiresAt: number) => ({
    ...projectionKeys.chunk(chunk.key),
    members: chunk.members,
    groupCount: chunk.groupCount,
    generation: chunk.generation,
    planHash: chunk.planHash,
    expiresAt,
    ...(chunk.since ? { since: chunk.since } : {}),
  });

  const findChunk = async (key: string): Promise<ChunkState | undefined> => {
    const result = await guardDependency(() =>
      client.send(
        new QueryCommand({
          TableName: table,
          ConsistentRead: true,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': projectionKeys.chunk(key).pk },
        }),
      ),
    );
    const definition = result.Items?.find((item) => item.sk === '-');
    if (!definition) return undefined;
    const groupCount = Number(definition.groupCount);
    return {
      key,
      members: definition.members as string[],
      groupCount,
      generation: Number(definition.generation),
      planHash: String(definition.planHash),
      ...(definition.since ? { since: String(definition.since) } : {}),
      appliedGroups: Math.min(groupCount, result.Items!.length),
    };
  };

  const putContinuation = async (chunk: ChunkDefinition, expiresAt: number): Promise<void> => {
    await guardDependency(() => client.send(new PutCommand({ TableName: table, Item: definitionItem(chunk, expiresAt) })));
  };

  const applyGroup = async (write: GroupWrite): Promise<GroupOutcome> => {
    const { chunk, index } = write;
    const marker: TransactItem = {
      Put: {
        TableName: table,
        Item:
          index === 0 ? definitionItem(chunk, write.expiresAt) : { ...projectionKeys.chunk(chunk.key, index), expiresAt: write.expiresAt },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
    const items: TransactItem[] = [
      marker,
      ...(index === 0 ? [metaCheck(table, write.metaRevision)] : []),
      ...(write.journal
        ? [
            {
              Put: {
                TableName: table,
                Item: { ...projectionKeys.journal(write.journal.generation, chunk.key), events: write.journal.events },
              },
            },
          ]
        : []),
      ...(write.outbox ? [{ Put: { TableName: requireOutbox(), Item: write.outbox } }] : []),
      ...write.counters.map((delta) => counterUpdate(table, chunk.generation, delta)),
      ...catalogUpdates(table, chunk.generation, write.catalog),
    ];
    const failed = await transact(client, items);
    if (!failed) return 'applied';
    return failed[0] === 'ConditionalCheckFailed' ? 'already-applied' : 'stale-meta';
  };

  const readBuckets: ProjectionStore['readBuckets'] = async (generation, segment, buckets) => {
    const found = new Map<string, number[]>();
    const keys = buckets.map(({ granularity, bucket }) => projectionKeys.counter(generation, segment, granularity, bucket));
    for (let i = 0; i < keys.length; i += 100) {
      let pending: Record<string, unknown>[] | undefined = keys.slice(i, i + 100);
      while (pending?.length) {
        const batch: Record<string, unknown>[] = pending;
        const result = await guardDependency(() => client.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: batch } } })));
        for (const item of result.Responses?.[table] ?? []) {
          const granularity = String(item.pk).split('#').at(-1) as Granularity;
          found.set(bucketKey(granularity, String(item.sk)), histogramOf(item));
        }
        pending = result.UnprocessedKeys?.[table]?.Keys;
      }
    }
    return { value: found, itemsRead: found.size };
  };

  const readBucketRange: ProjectionStore['readBucketRange'] = async (generation, segment, granularity, from, to) => {
    const found = new Map<string, number[]>();
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await guardDependency(() =>
        client.send(
          new QueryCommand({
            TableName: table,
            ExclusiveStartKey,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
            ExpressionAttributeValues: { ':pk': projectionKeys.counter(generation, segment, granularity, '').pk, ':from': from, ':to': to },
          }),
        ),
      );
      for (const item of page.Items ?? []) found.set(bucketKey(granularity, String(item.sk)), histogramOf(item));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return { value: found, itemsRead: found.size };
  };

  const readCatalog: ProjectionStore['readCatalog'] = async (generation) => {
    const catalog: Record<string, string[]> = {};
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    let itemsRead = 0;
    do {
      const page = await guardDependency(() =>
        client.send(
          new QueryCommand({
            TableName: table,
            ExclusiveStartKey,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': projectionKeys.catalog(generation, '').pk },
          }),
        ),
      );
      for (const item of page.Items ?? []) catalog[String(item.sk)] = [...(item.values as Set<string>)].sort();
      itemsRead += page.Items?.length ?? 0;
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return { value: catalog, itemsRead };
  };

  return { readMeta, findChunk, putContinuation, applyGroup, readBuckets, readBucketRange, readCatalog };
};
