import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as z from 'zod';

/** Last successfully processed sequence number per shard of a stream. */
export interface CheckpointStore {
  get(shardId: string): string | undefined;
  set(shardId: string, sequenceNumber: string): void;
  /** Forgets the shards not in the stream any more (trimmed), so that the store does not grow forever. */
  retain(shardIds: ReadonlySet<string>): void;
}

/**
 * Checkpoints kept in memory (a stack whose data is in memory too).
 *
 * @example
 * const checkpoints = memoryCheckpoints();
 */
export const memoryCheckpoints = (): CheckpointStore => {
  const map = new Map<string, string>();
  return {
    get: (shardId) => map.get(shardId),
    set: (shardId, seq) => void map.set(shardId, seq),
    retain: (shardIds) => {
      for (const shardId of map.keys()) if (!shardIds.has(shardId)) map.delete(shardId);
    },
  };
};

const fileSchema = z.object({ streamArn: z.string(), shards: z.record(z.string(), z.string()) });

const readFile = (file: string, streamArn: string): Map<string, string> => {
  try {
    const saved = fileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    // checkpoints of another stream (the table was recreated) are meaningless here
    return new Map(saved.streamArn === streamArn ? Object.entries(saved.shards) : []);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
};

/**
 * Checkpoints kept in a file beside the data (`NPS_DATA_DIR`), written atomically after
 * every handled batch: a restart resumes each shard after its last handled record instead
 * of replaying the stream (which would publish its events again).
 *
 * @example
 * const checkpoints = fileCheckpoints({ file: `${dataDir}/streams/events.json`, streamArn });
 */
export const fileCheckpoints = ({ file, streamArn }: { file: string; streamArn: string }): CheckpointStore => {
  const map = readFile(file, streamArn);
  mkdirSync(dirname(file), { recursive: true });
  const save = () => {
    writeFileSync(`${file}.tmp`, JSON.stringify({ streamArn, shards: Object.fromEntries(map) }));
    renameSync(`${file}.tmp`, file);
  };
  return {
    get: (shardId) => map.get(shardId),
    set: (shardId, seq) => {
      map.set(shardId, seq);
      save();
    },
    retain: (shardIds) => {
      const before = map.size;
      for (const shardId of map.keys()) if (!shardIds.has(shardId)) map.delete(shardId);
      if (map.size !== before) save();
    },
  };
};
