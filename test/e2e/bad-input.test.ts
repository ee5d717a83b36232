import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/stack';
import { scanAll } from '../support/items';
import { countStatuses, malformedRequests, sendMalformed } from '../support/malformed';
import { api, startTestStack } from '../support/stack';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

describe('generated bad input', () => {
  it('answers 1,200 malformed requests with a 4xx problem each, never a 5xx, and stores nothing', async () => {
    const http = api(stack.url);
    const seed = { responseId: 'mal-seed', score: 5, submittedAt: '2026-11-20T10:15:00Z' };
    expect((await http.post('/v1/responses', seed)).status).toBe(202);
    const requests = malformedRequests(1_200, 'mal-seed');
    const outcomes = await sendMalformed(stack.url, requests);
    const byStatus = countStatuses(outcomes);
    const kinds = new Set(outcomes.map((o) => o.kind));
    console.log(`bad input: ${outcomes.length} requests, ${kinds.size} kinds, statuses ${JSON.stringify(byStatus)}`);
    expect(outcomes).toHaveLength(1_200);
    expect(outcomes.filter((o) => o.status < 400 || o.status >= 500)).toEqual([]);
    expect(outcomes.filter((o) => !o.problem)).toEqual([]);
    expect(kinds.size).toBeGreaterThanOrEqual(15);

    const events = await scanAll(stack.dynamoDbEndpoint, stack.tables.events);
    expect(events.map((e) => `${e.streamId}@${e.version}`)).toEqual(['mal-seed@1']);
    expect(await scanAll(stack.dynamoDbEndpoint, stack.tables.personalData)).toEqual([]);
  });
});
