import { describe, expect, it } from 'vitest';
import { api, useRestartableStack } from '../support/stack';

const restartable = useRestartableStack();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('DynamoDB outage', () => {
  it('answers 503 with Retry-After while DynamoDB is down, and loses no response that got a 2xx', async () => {
    const { dynamo, stack } = await restartable.start();
    const http = api(stack.url);
    const outcomes: { id: string; status: number; retryAfter: string | null }[] = [];
    let phase: 'up' | 'down' | 'back' = 'up';
    let running = true;
    let next = 0;
    const statusesIn: Record<string, number[]> = { up: [], down: [], back: [] };
    const client = async () => {
      while (running) {
        const id = `out-${next++}`;
        const at = phase;
        const response = await http.post('/v1/responses', {
          responseId: id,
          score: next % 11,
          submittedAt: '2026-11-20T10:15:00Z',
        });
        outcomes.push({ id, status: response.status, retryAfter: response.headers.get('retry-after') });
        statusesIn[at]!.push(response.status);
        if (response.status === 503) await sleep(50);
      }
    };
    const clients = Array.from({ length: 4 }, client);
    await sleep(1_000);
    phase = 'down';
    await dynamo.stop();
    await sleep(2_000);
    await dynamo.restart();
    phase = 'back';
    // at least 1.5 s, and until the restarted DynamoDB Local has taken a response (a loaded
    // machine takes seconds more to start it and warm it up), at most 30 s
    const restartedAt = Date.now();
    while (Date.now() - restartedAt < 1_500 || (!statusesIn.back!.includes(202) && Date.now() - restartedAt < 30_000))
      await sleep(100);
    running = false;
    await Promise.all(clients);

    const count = (list: number[], status: number) => list.filter((s) => s === status).length;
    console.log(
      `outage: ${outcomes.length} requests; up ${count(statusesIn.up!, 202)}×202; down ` +
        `${count(statusesIn.down!, 503)}×503; back ${count(statusesIn.back!, 202)}×202`,
    );
    expect(outcomes.filter((o) => o.status >= 500 && o.status !== 503)).toEqual([]);
    expect(outcomes.filter((o) => o.status === 503 && o.retryAfter === null)).toEqual([]);
    expect(count(statusesIn.down!, 503)).toBeGreaterThan(0);
    expect(count(statusesIn.back!, 202)).toBeGreaterThan(0);
    const acknowledged = outcomes.filter((o) => o.status === 202 || o.status === 200);
    const missing: string[] = [];
    for (const { id } of acknowledged) if ((await http.get(`/v1/responses/${id}`)).status !== 200) missing.push(id);
    expect(missing).toEqual([]);
  });
});
