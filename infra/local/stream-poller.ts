import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

/** A stream-driven Lambda handler, as the event source mapping invokes it. */
export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;

/** Last successfully processed sequence number per shard. */
export interface CheckpointStore {
  get(shardId: string): string | undefined;
  set(shardId: string, sequenceNumber: string): void;
}

export const memoryCheckpoints = (): CheckpointStore => {
  const map = new Map<string, string>();
  return { get: (shardId) => map.get(shardId), set: (shardId, seq) => void map.set(shardId, seq) };
};

/** A batch given up after its retries, as Lambda's on-failure destination would receive it. */
export interface DiscardedBatch {
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
  batchSize: number;
  reason: string;
}

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

type AttributeMap = Record<string, Record<string, unknown>>;

/**
 * An attribute value as Lambda delivers it. `GetRecords` (through the SDK) hands back an
 * empty map `{"M": {}}` as `{}`; Lambda's events keep `{"M": {}}`.
 */
const lambdaValue = (value: Record<string, unknown>): Record<string, unknown> => {
  if (Object.keys(value).length === 0) return { M: {} };
  if (value.M) return { M: lambdaImage(value.M as AttributeMap) };
  if (value.L) return { L: (value.L as Record<string, unknown>[]).map(lambdaValue) };
  return value;
};

/** An item image (Keys, NewImage, OldImage) as Lambda delivers it. */
export const lambdaImage = (image: AttributeMap | undefined): AttributeMap =>
  Object.fromEntries(Object.entries(image ?? {}).map(([name, value]) => [name, lambdaValue(value)])) as AttributeMap;

/** A stream record from `GetRecords`, shaped as the event source mapping hands it to Lambda. */
export const toLambdaRecord = (record: StreamRecord, streamArn: string): DynamoDBRecord => {
  const { Keys, NewImage, OldImage, ...rest } = record.dynamodb ?? {};
  return {
    eventID: record.eventID!,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? 'us-east-1',
    eventSourceARN: streamArn,
    dynamodb: {
      ...(rest as DynamoDBRecord['dynamodb']),
      ...(Keys ? { Keys: lambdaImage(Keys as unknown as AttributeMap) } : {}),
      ...(NewImage ? { NewImage: lambdaImage(NewImage as unknown as AttributeMap) } : {}),
      ...(OldImage ? { OldImage: lambdaImage(OldImage as unknown as AttributeMap) } : {}),
      ApproximateCreationDateTime: Math.floor((record.dynamodb?.ApproximateCreationDateTime?.getTime() ?? Date.now()) / 1000),
    } as DynamoDBRecord['dynamodb'],
  };
};

const seqOf = (record: StreamRecord): string => record.dynamodb!.SequenceNumber!;

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
  const { client, streamArn, handler } = options;
  const batchSize = options.batchSize ?? 100;
  const maxRetryAttempts = options.maxRetryAttempts ?? Number.POSITIVE_INFINITY;
  const idlePollMs = options.idlePollMs ?? 100;
  const checkpoints = options.checkpoints ?? memoryCheckpoints();
  const started = new Set<string>();
  const finished = new Set<string>();
  const runners: Promise<void>[] = [];
  /** Per shard: true while records fetched from it wait for a successful invocation. */
  const busy = new Map<string, boolean>();
  /** Per shard: time of the last GetRecords that came back empty with nothing pending. */
  const quietSince = new Map<string, number>();
  let stopped = false;
  const sleepers = new Set<() => void>();

  /** A pause that `stop()` cuts short. */
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

  const iteratorFor = async (shardId: string, afterSeq: string | undefined) =>
    (
      await client.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shardId,
          ...(afterSeq ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: afterSeq } : { ShardIteratorType: 'TRIM_HORIZON' }),
        }),
      )
    ).ShardIterator;

  const invoke = async (batch: StreamRecord[]): Promise<number> => {
    const records = batch.map((record) => toLambdaRecord(record, streamArn));
    const response = await handler({ Records: records });
    const failures = response?.batchItemFailures ?? [];
    if (failures.length === 0) return batch.length;
    const index = batch.findIndex((record) => seqOf(record) === failures[0]!.itemIdentifier);
    if (index < 0) throw new Error(`batch item failure ${failures[0]!.itemIdentifier} is not in the batch`);
    return index;
  };

  const runShard = async (shard: Shard): Promise<void> => {
    const shardId = shard.ShardId!;
    let lastFetched = checkpoints.get(shardId);
    let iterator = await iteratorFor(shardId, lastFetched);
    const buffer: StreamRecord[] = [];
    let attempts = 0;
    let firstBuffered = 0;
    while (!stopped) {
      if (iterator && buffer.length < batchSize) {
        try {
          const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: batchSize - buffer.length }));
          if (buffer.length === 0 && page.Records?.length) firstBuffered = Date.now();
          buffer.push(...(page.Records ?? []));
          if (page.Records?.length) lastFetched = seqOf(page.Records.at(-1)!);
          iterator = page.NextShardIterator;
        } catch (error) {
          const name = (error as Error).name;
          if (name !== 'ExpiredIteratorException' && name !== 'TrimmedDataAccessException') throw error;
          // a fresh iterator after the last record fetched; from the oldest record if that one was trimmed
          iterator = await iteratorFor(shardId, lastFetched).catch((retry: Error) => {
            if (retry.name !== 'TrimmedDataAccessException') throw retry;
            return iteratorFor(shardId, undefined);
          });
          await sleep(idlePollMs);
        }
      }
      busy.set(shardId, buffer.length > 0);
      if (buffer.length === 0) {
        if (!iterator) break; // closed shard, fully read
        quietSince.set(shardId, Date.now());
        await sleep(idlePollMs);
        continue;
      }
      const windowOpen =
        options.maxBatchingWindowMs && buffer.length < batchSize && Date.now() - firstBuffered < options.maxBatchingWindowMs;
      if (windowOpen && iterator) {
        await sleep(Math.min(idlePollMs, options.maxBatchingWindowMs!));
        continue;
      }
      const batch = buffer.slice(0, batchSize);
      let done: number;
      try {
        done = await invoke(batch);
      } catch (error) {
        options.onError?.(error, shardId);
        done = 0;
      }
      if (done > 0) {
        checkpoints.set(shardId, seqOf(batch[done - 1]!));
        buffer.splice(0, done);
        firstBuffered = Date.now();
      }
      if (done === batch.length) {
        attempts = 0;
        continue;
      }
      attempts++;
      if (attempts > maxRetryAttempts) {
        const rest = buffer.splice(0, batch.length - done);
        checkpoints.set(shardId, seqOf(rest.at(-1)!));
        options.onDiscard?.({
          shardId,
          startSequenceNumber: seqOf(rest[0]!),
          endSequenceNumber: seqOf(rest.at(-1)!),
          batchSize: rest.length,
          reason: `retries exhausted after ${attempts - 1} attempts`,
        });
        attempts = 0;
        continue;
      }
      await sleep(Math.min(5_000, 50 * 2 ** Math.min(attempts, 7)));
    }
    busy.set(shardId, false);
    finished.add(shardId);
  };

  const discover = async (): Promise<void> => {
    const shards: Shard[] = [];
    let ExclusiveStartShardId: string | undefined;
    do {
      const page = await client.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId }));
      shards.push(...(page.StreamDescription?.Shards ?? []));
      ExclusiveStartShardId = page.StreamDescription?.LastEvaluatedShardId;
    } while (ExclusiveStartShardId);
    const known = new Set(shards.map((shard) => shard.ShardId!));
    for (const shard of shards) {
      const parent = shard.ParentShardId;
      const parentDone = !parent || !known.has(parent) || finished.has(parent);
      if (!started.has(shard.ShardId!) && parentDone) {
        started.add(shard.ShardId!);
        runners.push(
          runShard(shard).catch((error) => {
            options.onError?.(error, shard.ShardId!);
            started.delete(shard.ShardId!); // rediscovered and restarted from its checkpoint
          }),
        );
      }
    }
  };

  const discoverer = (async () => {
    while (!stopped) {
      try {
        await discover();
      } catch (error) {
        options.onError?.(error, '(describe)');
      }
      await sleep(1_000);
    }
  })();

  const settled = async (timeoutMs = 30_000): Promise<void> => {
    const since = Date.now();
    const deadline = since + timeoutMs;
    for (;;) {
      const shards = [...started].filter((id) => !finished.has(id));
      const quiet = shards.length > 0 && shards.every((id) => !busy.get(id) && (quietSince.get(id) ?? 0) > since);
      if (quiet) return;
      if (Date.now() > deadline) throw new Error(`stream ${streamArn} did not settle within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  const stop = async (): Promise<void> => {
    stopped = true;
    for (const wake of [...sleepers]) wake();
    await Promise.race([Promise.all([discoverer, ...runners]), new Promise((resolve) => setTimeout(resolve, 3_000))]);
  };

  return { settled, stop };
};
