import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { freePort } from '../../infra/local/ports';

/**
 * A DynamoDB Local of a test's own, on disk, that can be killed and restarted on the same
 * port and data, or frozen and thawed (outage tests).
 */
export const restartableDynamoDb = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'nps-restartable-'));
  const port = await freePort();
  let current: DynamoDbLocal | undefined = await startDynamoDbLocal({ port, dataDir });
  return {
    endpoint: current.endpoint,
    stop: async () => {
      await current?.stop();
      current = undefined;
    },
    /** Freezes the java process (SIGSTOP): connections stay open, nothing answers. */
    freeze: () => void process.kill(current!.pid!, 'SIGSTOP'),
    /** Lets a frozen process run again (SIGCONT). */
    thaw: () => void process.kill(current!.pid!, 'SIGCONT'),
    restart: async () => {
      current = await startDynamoDbLocal({ port, dataDir });
    },
    dispose: async () => {
      await current?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
