import { describe, expect, it } from 'vitest';
import { scanAll } from '../support/items';
import { api, useRestartableStack } from '../support/stack';

const restartable = useRestartableStack();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('DynamoDB Local killed during a steady load and restarted on its data', () => {
  it('stores and counts every acknowledged response exactly once; clients saw 503, never 500', async () => {
    const { dynamo, stack } = await restartable.start();
    const http = api(stack.url);
    const submittedAt = new Date(Date.now() - 60_000).toISOString();
    const outcomes: { id: string; status: number }[] = [];
    let running = true;
    let next = 0;
    const client = async () => {
      while (running) {
        const id = `rr-${next++}`;
        const response = await http.post('/v1/responses', {
          responseId: id,
          score: next % 11,
          submittedAt,
          segments: { region: ['eu', 'us'][next % 2]! },
        });
        outcomes.push({ id, status: response.status });
        if (response.status === 503) await sleep(50);
      }
    };
    const clients = Array.from({ length: 6 }, client);
    await sleep(2_000);
    await dynamo.stop(); // SIGTERM mid-load
    await sleep(2_000);
    await dynamo.restart();
    // keep the load on until the restarted DynamoDB Local has taken some of it (a loaded
    // machine takes seconds more to start it and warm it up), at least 3 s, at most 30 s
    const ackedBefore = outcomes.filter((o) => o.status < 300).length;
    const restartedAt = Date.now();
    while (
      Date.now() - restartedAt < 3_000 ||
      (outcomes.filter((o) => o.status < 300).length - ackedBefore < 100 && Date.now() - restartedAt < 30_000)
    ) {
      await sleep(250);
    }
    running = false;
    await Promise.all(clients);
    await stack.settled();

    const acknowledged = outcomes.filter((o) => o.status === 202 || o.status === 200).map((o) => o.id);
    const stored = new Set(
      (await scanAll(stack.dynamoDbEndpoint, stack.tables.events)).map((item) => String(item.streamId)),
    );
    const lost = acknowledged.filter((id) => !stored.has(id));
    const counted = (await http.get('/v1/nps?segment=all&from=2026-01-01&to=2100-01-01')).body.responses as number;
    const doubleCounted = counted - stored.size;
    const unavailable = outcomes.filter((o) => o.status === 503).length;
    const otherErrors = outcomes.filter((o) => o.status >= 500 && o.status !== 503).length;
    console.log(
      `restart: ${outcomes.length} requests, ${acknowledged.length} acknowledged, ${unavailable}×503, other 5xx: ` +
        `${otherErrors}; ` +
        `stored ${stored.size}, counted ${counted}; responses lost: ${lost.length}, double-counted: ${doubleCounted}`,
    );
    expect(unavailable).toBeGreaterThan(0);
    expect(otherErrors).toBe(0);
    expect(lost).toEqual([]);
    expect(doubleCounted).toBe(0);
    expect(acknowledged.length).toBeGreaterThan(100);
  }, 240_000);
});
