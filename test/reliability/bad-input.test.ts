import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/stack';
import { scanAll } from '../support/items';
import { countStatuses, malformedRequestsAllRoutes, sendMalformed } from '../support/malformed';
import { api, startTestStack } from '../support/stack';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

describe('10,000 generated malformed requests across all routes', () => {
  it('answers every one with a 4xx problem document, no 5xx, and writes nothing', async () => {
    const http = api(stack.url);
    expect(
      (await http.post('/v1/responses', { responseId: 'rel-seed', score: 5, submittedAt: '2026-11-20T10:15:00Z' }))
        .status,
    ).toBe(202);
    await stack.settled();
    const itemCount = async () => {
      const tables = [stack.tables.events, stack.tables.projections, stack.tables.outbox];
      const counts = await Promise.all(
        tables.map(async (table) => (await scanAll(stack.dynamoDbEndpoint, table)).length),
      );
      return counts.reduce((a, b) => a + b, 0);
    };
    const before = await itemCount();
    const requests = malformedRequestsAllRoutes(10_000, 'rel-seed');
    const outcomes = await sendMalformed(stack.url, requests);
    const serverErrors = outcomes.filter((o) => o.status >= 500).length;
    const notProblems = outcomes.filter((o) => o.status < 400 || !o.problem).length;
    await stack.settled();
    const writes = (await itemCount()) - before;
    console.log(
      `bad input: ${requests.length} requests, statuses ${JSON.stringify(countStatuses(outcomes))}; 5xx on bad ` +
        `input: ${serverErrors}; writes: ${writes}`,
    );
    expect(requests).toHaveLength(10_000);
    expect(serverErrors).toBe(0);
    expect(notProblems).toBe(0);
    expect(writes).toBe(0);
  }, 300_000);
});
