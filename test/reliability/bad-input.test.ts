import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/stack';
import { scanAll } from '../support/items';
import { malformedRequestsAllRoutes } from '../support/malformed';
import { api, startTestStack } from '../support/stack';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

describe('10,000 generated malformed requests across all routes', () => {
  it('answers every one with a 4xx problem document, no 5xx, and writes nothing', async () => {
    const http = api(stack.url);
    expect((await http.post('/v1/responses', { responseId: 'rel-seed', score: 5, submittedAt: '2026-11-20T10:15:00Z' })).status).toBe(202);
    await stack.settled();
    const before = {
      events: (await scanAll(stack.dynamoDbEndpoint, stack.tables.events)).length,
      projections: (await scanAll(stack.dynamoDbEndpoint, stack.tables.projections)).length,
      outbox: (await scanAll(stack.dynamoDbEndpoint, stack.tables.outbox)).length,
    };
    const requests = malformedRequestsAllRoutes(10_000, 'rel-seed');
    let serverErrors = 0;
    let notProblems = 0;
    const statuses = new Map<number, number>();
    const queue = [...requests];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let r = queue.shift(); r; r = queue.shift()) {
          const response = await fetch(`${stack.url}${r.path}`, {
            method: r.method,
            headers: { 'content-type': r.contentType },
            ...(r.method === 'GET' ? {} : { body: r.body }),
          });
          const text = await response.text();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status >= 500) serverErrors++;
          const problem =
            response.headers.get('content-type') === 'application/problem+json' && JSON.parse(text).status === response.status;
          if (response.status < 400 || !problem) notProblems++;
        }
      }),
    );
    await stack.settled();
    const after = {
      events: (await scanAll(stack.dynamoDbEndpoint, stack.tables.events)).length,
      projections: (await scanAll(stack.dynamoDbEndpoint, stack.tables.projections)).length,
      outbox: (await scanAll(stack.dynamoDbEndpoint, stack.tables.outbox)).length,
    };
    const writes = after.events + after.projections + after.outbox - before.events - before.projections - before.outbox;
    console.log(
      `bad input: ${requests.length} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}; 5xx on bad input: ${serverErrors}; writes: ${writes}`,
    );
    expect(requests).toHaveLength(10_000);
    expect(serverErrors).toBe(0);
    expect(notProblems).toBe(0);
    expect(writes).toBe(0);
  }, 300_000);
});
