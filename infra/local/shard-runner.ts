import {
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { CheckpointStore } from './checkpoints';
import { toLambdaRecord } from './lambda-records';

/** A stream-driven Lambda handler, as the event source mapping invokes it (it may answer nothing, as a Lambda may). */
// biome-ignore lint/suspicious/noConfusingVoidType: a Lambda handler's answer is a batch response or nothing at all
export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;

/** A batch given up after its retries, as Lambda's on-failure destination would receive it. */
export interface DiscardedBatch {
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
  batchSize: number;
  reason: string;
}

/** What every shard of a poller shares: the mapping's settings, its callbacks and its bookkeeping. */
export interface ShardContext {
  client: DynamoDBStreamsClient;
  streamArn: string;
  handler: StreamHandler;
  batchSize: number;
  maxBatchingWindowMs: number;
  maxRetryAttempts: number;
  idlePollMs: number;
  checkpoints: CheckpointStore;
  onDiscard?: (batch: DiscardedBatch) => void;
  onError?: (error: unknown, shardId: string) => void;
  sleep: (ms: number) => Promise<void>;
  stopped: () => boolean;
  /** Per shard: true while records fetched from it wait for a successful invocation. */
  busy: Map<string, boolean>;
  /** Per shard: time of the last GetRecords that came back empty with nothing pending. */
  quietSince: Map<string, number>;
}

/** One shard being read: its iterator, what was fetched and not yet handled, and the retries of the current batch. */
interface ShardState {
  shardId: string;
  iterator: string | undefined;
  lastFetched: string | undefined;
  buffer: StreamRecord[];
  attempts: number;
  firstBuffered: number;
}

const seqOf = (record: StreamRecord): string => record.dynamodb!.SequenceNumber!;

const iteratorFor = async (ctx: ShardContext, shardId: string, afterSeq: string | undefined) =>
  (
    await ctx.client.send(
      new GetShardIteratorCommand({
        StreamArn: ctx.streamArn,
        ShardId: shardId,
        ...(afterSeq
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: afterSeq }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    )
  ).ShardIterator;

/** A fresh iterator after the last record fetched; from the oldest record if that one was trimmed. */
const renewIterator = (ctx: ShardContext, state: ShardState) =>
  iteratorFor(ctx, state.shardId, state.lastFetched).catch((error: Error) => {
    if (error.name !== 'TrimmedDataAccessException') throw error;
    return iteratorFor(ctx, state.shardId, undefined);
  });

/** Fetches records while the buffer has room; an expired or trimmed iterator is renewed. */
const fill = async (ctx: ShardContext, state: ShardState) => {
  if (!state.iterator || state.buffer.length >= ctx.batchSize) return;
  try {
    const page = await ctx.client.send(
      new GetRecordsCommand({ ShardIterator: state.iterator, Limit: ctx.batchSize - state.buffer.length }),
    );
    const records = page.Records ?? [];
    if (state.buffer.length === 0 && records.length) state.firstBuffered = Date.now();
    state.buffer.push(...records);
    if (records.length) state.lastFetched = seqOf(records.at(-1)!);
    state.iterator = page.NextShardIterator;
  } catch (error) {
    const name = (error as Error).name;
    if (name !== 'ExpiredIteratorException' && name !== 'TrimmedDataAccessException') throw error;
    state.iterator = await renewIterator(ctx, state);
    await ctx.sleep(ctx.idlePollMs);
  }
};

/**
 * Invokes the handler with a batch; answers how many leading records succeeded (all of them without batch item
 * failures).
 */
const invoke = async (ctx: ShardContext, batch: StreamRecord[]): Promise<number> => {
  const response = await ctx.handler({ Records: batch.map((record) => toLambdaRecord(record, ctx.streamArn)) });
  const failures = response?.batchItemFailures ?? [];
  if (failures.length === 0) return batch.length;
  const index = batch.findIndex((record) => seqOf(record) === failures[0]!.itemIdentifier);
  if (index < 0) throw new Error(`batch item failure ${failures[0]!.itemIdentifier} is not in the batch`);
  return index;
};

/**
 * The rest of a batch that kept failing, checkpointed past and handed to `onDiscard` (Lambda's on-failure destination).
 */
const discard = (ctx: ShardContext, state: ShardState, count: number) => {
  const rest = state.buffer.splice(0, count);
  ctx.checkpoints.set(state.shardId, seqOf(rest.at(-1)!));
  ctx.onDiscard?.({
    shardId: state.shardId,
    startSequenceNumber: seqOf(rest[0]!),
    endSequenceNumber: seqOf(rest.at(-1)!),
    batchSize: rest.length,
    reason: `retries exhausted after ${state.attempts - 1} attempts`,
  });
  state.attempts = 0;
};

/**
 * One invocation of the next batch: checkpoints what succeeded; retries the rest with backoff, or discards it when
 * retries ran out.
 */
const handleBatch = async (ctx: ShardContext, state: ShardState) => {
  const batch = state.buffer.slice(0, ctx.batchSize);
  const done = await invoke(ctx, batch).catch((error) => {
    ctx.onError?.(error, state.shardId);
    return 0;
  });
  if (done > 0) {
    ctx.checkpoints.set(state.shardId, seqOf(batch[done - 1]!));
    state.buffer.splice(0, done);
    state.firstBuffered = Date.now();
  }
  if (done === batch.length) {
    state.attempts = 0;
    return;
  }
  state.attempts++;
  if (state.attempts > ctx.maxRetryAttempts) return discard(ctx, state, batch.length - done);
  await ctx.sleep(Math.min(5_000, 50 * 2 ** Math.min(state.attempts, 7)));
};

const batchingWindowOpen = (ctx: ShardContext, state: ShardState): boolean =>
  Boolean(state.iterator) &&
  state.buffer.length < ctx.batchSize &&
  Date.now() - state.firstBuffered < ctx.maxBatchingWindowMs;

/**
 * Reads one shard to its end (or until the poller stops), invoking the handler the way
 * Lambda's event source mapping does: one batch at a time, from the shard's checkpoint.
 */
export const runShard = async (ctx: ShardContext, shardId: string): Promise<void> => {
  const lastFetched = ctx.checkpoints.get(shardId);
  const state: ShardState = {
    shardId,
    iterator: await iteratorFor(ctx, shardId, lastFetched),
    lastFetched,
    buffer: [],
    attempts: 0,
    firstBuffered: 0,
  };
  while (!ctx.stopped()) {
    await fill(ctx, state);
    ctx.busy.set(shardId, state.buffer.length > 0);
    if (state.buffer.length === 0) {
      if (!state.iterator) break; // closed shard, fully read
      ctx.quietSince.set(shardId, Date.now());
      await ctx.sleep(ctx.idlePollMs);
    } else if (batchingWindowOpen(ctx, state)) {
      await ctx.sleep(Math.min(ctx.idlePollMs, ctx.maxBatchingWindowMs));
    } else {
      await handleBatch(ctx, state);
    }
  }
  ctx.busy.set(shardId, false);
};
