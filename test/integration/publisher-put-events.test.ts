import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublishRefusedError, publishEntries } from '../../functions/publisher/put-events';
import {
  type EventBridgeEndpoint,
  startEventBridgeEndpoint,
  type WireEntry,
} from '../../infra/local/eventbridge-endpoint';
import { aggregateUpdatedEntry as entry } from '../support/put-events-entries';
import { seededRandom } from '../support/random';

const random = seededRandom(99);
const received: WireEntry[] = [];
const failedOnce = new Map<string, number>();
let eventbridge: EventBridgeEndpoint;
let client: EventBridgeClient;

beforeAll(async () => {
  eventbridge = await startEventBridgeEndpoint({
    accept: (entry) => received.push(entry),
    // fail about a third of entries; some of them again on their retry
    failEntry: (entry) => {
      const id = JSON.parse(entry.Detail).metadata.id as string;
      const failures = failedOnce.get(id) ?? 0;
      if (failures < 2 && random() < 0.35) {
        failedOnce.set(id, failures + 1);
        return random() < 0.5 ? 'InternalFailure' : 'ThrottlingException';
      }
      return undefined;
    },
    failCall: () => random() < 0.05,
  });
  client = new EventBridgeClient({
    endpoint: eventbridge.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  client.destroy();
  await eventbridge.close();
});

describe('publisher against an endpoint speaking EventBridge JSON (real SDK requests)', () => {
  it('delivers every event once, resends exactly the failed entries, never exceeds the limits', async () => {
    const entries = Array.from({ length: 300 }, (_, i) => entry(i, i % 25 === 0 ? 90_000 : 200 + (i % 7) * 1000));
    const report = await publishEntries(client, entries, { maxAttempts: 8, sleep: async () => undefined });
    expect(report.failed).toEqual([]);
    const ids = received.map((e) => JSON.parse(e.Detail).metadata.id as string);
    expect(new Set(ids).size).toBe(300);
    expect(ids).toHaveLength(300);
    expect(failedOnce.size).toBeGreaterThan(50);
    expect(report.resent).toBeGreaterThanOrEqual(failedOnce.size);
    expect(Math.max(...eventbridge.calls.map((c) => c.entries))).toBeLessThanOrEqual(10);
    expect(Math.max(...eventbridge.calls.map((c) => c.bytes))).toBeLessThanOrEqual(256 * 1024);
    console.log(
      `publisher: 300 events in ${report.calls} calls, ${report.resent} entries resent after ${failedOnce.size} ` +
        `injected entry failures`,
    );
  });

  it('returns what keeps failing, so that the stream retries the batch', async () => {
    const stubborn = await startEventBridgeEndpoint({
      accept: () => undefined,
      failEntry: (e) => (e.Detail.includes('evt-doomed') ? 'InternalFailure' : undefined),
    });
    const c = new EventBridgeClient({
      endpoint: stubborn.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
    });
    const doomed = { ...entry(0, 10), Detail: entry(0, 10).Detail.replace('evt-0', 'evt-doomed') };
    const report = await publishEntries(c, [entry(1, 10), doomed, entry(2, 10)], {
      maxAttempts: 3,
      sleep: async () => undefined,
    });
    expect(report.failed).toEqual([doomed]);
    c.destroy();
    await stubborn.close();
  });

  it('gives up at once on a refusal that retrying cannot cure (access denied), with the cause', async () => {
    const denying = await startEventBridgeEndpoint({
      accept: () => undefined,
      failCall: () => 'AccessDeniedException',
    });
    const c = new EventBridgeClient({
      endpoint: denying.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
    });
    const refused = await publishEntries(c, [entry(1, 10)], { maxAttempts: 5, sleep: async () => undefined }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(PublishRefusedError);
    expect((refused as PublishRefusedError).cause).toMatchObject({ name: 'AccessDeniedException' });
    expect(denying.calls).toHaveLength(1);
    c.destroy();
    await denying.close();
  });
});
