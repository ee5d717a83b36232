import { DescribeStreamCommand, type DynamoDBStreamsClient, type Shard } from '@aws-sdk/client-dynamodb-streams';
import { type CheckpointStore, memoryCheckpoints } from './checkpoints';
import { type DiscardedBatch, runShard, type ShardContext, type StreamHandler } from './shard-runner';

export type { DiscardedBatch, StreamHandler } from './shard-runner';

export interface StreamPollerOptions {
  client: DynamoDBStreamsClient;
  streamArn: string;
  handler: StreamHandler;
  /** Records per invocation at most (Lambda: BatchSize). */
  batchSize?: number;
  /** Wait this long for a batch to fill (Lambda: MaximumBatchingWindowInSeconds). */
  maxBatchingWindowMs?: number;
  /** Retries of a failing batch before it is discarded (Lambda: MaximumRetryAttempts); never by default. */
  maxRetryAttempts?: number;
  idlePollMs?: number;
  checkpoints?: CheckpointStore;
  onDiscard?: (batch: DiscardedBatch) => void;
  onError?: (error: unknown, shardId: string) => void;
}

export interface StreamPoller {
  /** Resolves once every record written before the call has been handled successfully (or discarded). */
  settled(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** A pause that a stop cuts short. */
const interruptibleSleep = () => {
  const sleepers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });
  const wakeAll = () => {
    for (const wake of [...sleepers]) wake();
  };
  return { sleep, wakeAll };
};

const listShards = async (client: DynamoDBStreamsClient, streamArn: string): Promise<Shard[]> => {
  const shards: Shard[] = [];
  let ExclusiveStartShardId: string | undefined;
  do {
    const page = await client.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId }));
    shards.push(...(page.StreamDescription?.Shards ?? []));
    ExclusiveStartShardId = page.StreamDescription?.LastEvaluatedShardId;
  } while (ExclusiveStartShardId);
  return shards;
};

/**
 * Polls a table's real DynamoDB Stream and invokes a handler the way Lambda's event
 * source mapping does: one batch at a time per shard, parents before children; a thrown
 * error retries the same batch (with backoff), a `batchItemFailures` answer checkpoints
 * up to the first failed record and retries from it.
 *
 * @example
 * const poller = startStreamPoller({ client, streamArn, handler: projector, batchSize: 100 });
 * await poller.settled();
 */
export const startStreamPoller = (options: StreamPollerOptions): StreamPoller => {
  let stopped = false;
  const { sleep, wakeAll } = interruptibleSleep();
  const ctx: ShardContext = {
    client: options.client,
    streamArn: options.streamArn,
    handler: options.handler,
    batchSize: options.batchSize ?? 100,
    maxBatchingWindowMs: options.maxBatchingWindowMs ?? 0,
    maxRetryAttempts: options.maxRetryAttempts ?? Number.POSITIVE_INFINITY,
    idlePollMs: options.idlePollMs ?? 100,
    checkpoints: options.checkpoints ?? memoryCheckpoints(),
    ...(options.onDiscard ? { onDiscard: options.onDiscard } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
    sleep,
    stopped: () => stopped,
    busy: new Map(),
    quietSince: new Map(),
  };
  const started = new Set<string>();
  const finished = new Set<string>();
  const runners = new Map<string, Promise<void>>();

  /** Forgets what it knew of shards the stream no longer lists (trimmed): nothing here grows with time. */
  const forgetTrimmed = (known: ReadonlySet<string>) => {
    const forget = (collection: Set<string> | Map<string, unknown>) => {
      for (const id of [...collection.keys()]) if (!known.has(id)) collection.delete(id);
    };
    [started, finished, ctx.busy, ctx.quietSince].forEach(forget);
    ctx.checkpoints.retain(known);
  };

  /** Starts a runner for each shard not started yet whose parent is read to its end (or gone). */
  const discover = async (): Promise<void> => {
    const shards = await listShards(ctx.client, ctx.streamArn);
    const known = new Set(shards.map((shard) => shard.ShardId!));
    forgetTrimmed(known);
    const ready = shards.filter(
      ({ ShardId, ParentShardId: parent }) =>
        !started.has(ShardId!) && (!parent || !known.has(parent) || finished.has(parent)),
    );
    for (const { ShardId } of ready) {
      const shardId = ShardId!;
      started.add(shardId);
      const runner = runShard(ctx, shardId)
        .then(
          () => void finished.add(shardId),
          (error) => {
            options.onError?.(error, shardId);
            started.delete(shardId); // rediscovered and restarted from its checkpoint
          },
        )
        .finally(() => runners.delete(shardId));
      runners.set(shardId, runner);
    }
  };

  const discoverer = (async () => {
    while (!stopped) {
      await discover().catch((error) => options.onError?.(error, '(describe)'));
      await sleep(1_000);
    }
  })();

  /** True when every running shard is idle and has seen an empty read since `since`. */
  const quietSince = (since: number): boolean => {
    const shards = [...started].filter((id) => !finished.has(id));
    return shards.length > 0 && shards.every((id) => !ctx.busy.get(id) && (ctx.quietSince.get(id) ?? 0) > since);
  };

  const settled = async (timeoutMs = 30_000): Promise<void> => {
    const since = Date.now();
    while (!quietSince(since)) {
      if (Date.now() > since + timeoutMs)
        throw new Error(`stream ${ctx.streamArn} did not settle within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  const stop = async (): Promise<void> => {
    stopped = true;
    wakeAll();
    await Promise.race([
      Promise.all([discoverer, ...runners.values()]),
      new Promise((resolve) => setTimeout(resolve, 3_000)),
    ]);
  };

  return { settled, stop };
};
