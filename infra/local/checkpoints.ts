/** Last successfully processed sequence number per shard of a stream. */
export interface CheckpointStore {
  get(shardId: string): string | undefined;
  set(shardId: string, sequenceNumber: string): void;
}

/**
 * Checkpoints kept in memory (a stack whose data is in memory too).
 *
 * @example
 * const checkpoints = memoryCheckpoints();
 */
export const memoryCheckpoints = (): CheckpointStore => {
  const map = new Map<string, string>();
  return { get: (shardId) => map.get(shardId), set: (shardId, seq) => void map.set(shardId, seq) };
};
