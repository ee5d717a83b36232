import { describe, expect, it } from 'vitest';
import { scanAll } from '../support/items';
import { api, useRestartableStack } from '../support/stack';

const restartable = useRestartableStack();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const BUDGET_MS = 3_000;

describe('DynamoDB Local frozen (SIGSTOP) for 20 s under load, then thawed', () => {
  it('answers every request within the budget + 1 s, only 2xx or 503 with Retry-After, and stores and counts every ' +
    '2xx once', async () => {
    const { dynamo, stack } = await restartable.start({ timeoutMs: BUDGET_MS });
    const http = api(stack.url);
    const submittedAt = new Date(Date.now() - 60_000).toISOString();
    const outcomes: { id: string; status: number; ms: number; retryAfter: string | null }[] = [];
    let running = true;
    let next = 0;
    const client = async () => {
      while (running) {
        const id = `fz-${next++}`;
        const started = performance.now();
        const response = await http.post('/v1/responses', {
          responseId: id,
          score: next % 11,
          submittedAt,
          segments: { region: ['eu', 'us'][next % 2]! },
        });
        outcomes.push({
          id,
          status: response.status,
          ms: performance.now() - started,
          retryAfter: response.headers.get('retry-after'),
        });
        if (response.status === 503) await sleep(100);
      }
    };
    const clients = Array.from({ length: 6 }, client);
    await sleep(2_000);
    dynamo.freeze();
    await sleep(20_000);
    dynamo.thaw();
    await sleep(5_000);
    running = false;
    await Promise.all(clients);
    await stack.settled();

    const slowest = Math.max(...outcomes.map((o) => o.ms));
    const acknowledged = outcomes.filter((o) => o.status === 202 || o.status === 200).map((o) => o.id);
    const unavailable = outcomes.filter((o) => o.status === 503);
    const stored = new Set(
      (await scanAll(stack.dynamoDbEndpoint, stack.tables.events)).map((item) => String(item.streamId)),
    );
    const counted = (await http.get('/v1/nps?segment=all&from=2026-01-01&to=2100-01-01')).body.responses as number;
    console.log(
      `freeze: ${outcomes.length} requests, ${acknowledged.length} acknowledged, ${unavailable.length}×503; slowest ` +
        `answer ${slowest.toFixed(0)} ms ` +
        `(budget ${BUDGET_MS} ms); stored ${stored.size}, counted ${counted}`,
    );
    expect(slowest).toBeLessThan(BUDGET_MS + 1_000);
    expect(outcomes.filter((o) => !(o.status < 300 || o.status === 503))).toEqual([]);
    expect(unavailable.filter((o) => !o.retryAfter)).toEqual([]);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    expect(counted).toBe(stored.size);
    expect(acknowledged.length).toBeGreaterThan(50);
  }, 240_000);
});
