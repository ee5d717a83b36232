import { join } from 'node:path';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { STREAM_MAPPINGS } from '../mappings';
import type { TableNames } from '../tables';
import { type CheckpointStore, fileCheckpoints, memoryCheckpoints } from './checkpoints';
import { forgettingErasures } from './erasure-tap';
import type { LocalFunctions } from './functions';
import { type Invocations, timed } from './invocations';
import { localLambdaContext } from './lambda-context';
import { type StreamPoller, startStreamPoller } from './stream-poller';

export interface StreamPollersOptions {
  streams: DynamoDBStreamsClient;
  streamArns: Partial<Record<keyof TableNames, string>>;
  functions: LocalFunctions;
  invocations: Invocations;
  options: { projectorBatchingWindowMs?: number; dataDir?: string };
  /** Strips the personal data of these responses from the local event log (erasures the projector's batch holds). */
  forgetPersonalData: (responseIds: string[]) => void;
}

/** Where a stream's checkpoints live: beside the data when it is on disk (a restart resumes), else in memory. */
const checkpointsOf = (dataDir: string | undefined, name: string, streamArn: string): CheckpointStore =>
  dataDir
    ? fileCheckpoints({ file: join(dataDir, 'stream-checkpoints', `${name}.json`), streamArn })
    : memoryCheckpoints();

/**
 * The local event source mappings: the projector on the event store's stream and the
 * publisher on the outbox's, with the deployed batch sizes and batching windows. The
 * projector's batches also tell the local event log which responses were erased.
 *
 * @example
 * const pollers = startStreamPollers({ streams, streamArns, functions, invocations, options: {} });
 */
export const startStreamPollers = ({
  streams,
  streamArns,
  functions,
  invocations,
  options,
  forgetPersonalData,
}: StreamPollersOptions): StreamPoller[] => {
  const onError = (name: string) => (error: unknown, shardId: string) =>
    functions.streamLogger.warn(`${name} invocation failed; retrying`, { shardId, error: error as Error });
  const projector = startStreamPoller({
    client: streams,
    streamArn: streamArns.events!,
    checkpoints: checkpointsOf(options.dataDir, 'events', streamArns.events!),
    batchSize: STREAM_MAPPINGS.projector.batchSize,
    maxBatchingWindowMs: options.projectorBatchingWindowMs ?? STREAM_MAPPINGS.projector.maxBatchingWindowSeconds * 1000,
    handler: timed(
      invocations,
      'projector',
      forgettingErasures(
        (event) => functions.projector(event, localLambdaContext('nps-projector')),
        forgetPersonalData,
      ),
    ),
    onError: onError('projector'),
  });
  const publisher = startStreamPoller({
    client: streams,
    streamArn: streamArns.outbox!,
    checkpoints: checkpointsOf(options.dataDir, 'outbox', streamArns.outbox!),
    batchSize: STREAM_MAPPINGS.publisher.batchSize,
    handler: timed(invocations, 'publisher', (event) =>
      functions.publisher(event, localLambdaContext('nps-publisher')),
    ),
    onError: onError('publisher'),
  });
  return [projector, publisher];
};
