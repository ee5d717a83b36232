import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/stack';
import { listTables, scanAll } from '../support/items';
import { api, mapLimited, startTestStack } from '../support/stack';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

describe('personal data after erasure', () => {
  it('leaves no trace of 300 erased responses in a full scan of every table', async () => {
    const http = api(stack.url, {}, { retryUnavailable: true });
    const secret = (i: number, what: string) => `${what}-secret-${i}-${(i * 7919).toString(36)}`;
    const ids = Array.from({ length: 400 }, (_, i) => i);
    await mapLimited(ids, 16, (i) =>
      http.post('/v1/responses', {
        responseId: `pii-${i}`,
        score: i % 11,
        submittedAt: new Date(Date.now() - i * 60_000).toISOString(),
        segments: { region: ['eu', 'us'][i % 2]! },
        comment: secret(i, 'comment'),
        respondentId: secret(i, 'respondent'),
      }),
    );
    await mapLimited(
      ids.filter((i) => i % 2 === 0),
      16,
      (i) => http.patch(`/v1/responses/pii-${i}`, { comment: secret(i, 'amended'), score: (i + 1) % 11 }),
    );
    await stack.settled();
    const erased = ids.filter((i) => i < 300);
    await mapLimited(erased, 16, async (i) =>
      expect([200, 202]).toContain((await http.delete(`/v1/responses/pii-${i}`)).status),
    );
    await stack.settled();

    const prefix = stack.tables.events.slice(0, stack.tables.events.indexOf('Events'));
    const tables = await listTables(stack.dynamoDbEndpoint, prefix);
    const everything = JSON.stringify(await Promise.all(tables.map((table) => scanAll(stack.dynamoDbEndpoint, table))));
    const traces = erased
      .flatMap((i) => ['comment', 'respondent', 'amended'].map((what) => secret(i, what)))
      .filter((s) => everything.includes(s));
    const kept = ids.filter((i) => i >= 300).filter((i) => everything.includes(secret(i, 'respondent'))).length;
    console.log(
      `erasure: ${tables.length} tables scanned, ${erased.length} responses erased; traces of erased personal data: ` +
        `${traces.length}; others kept: ${kept}/100`,
    );
    expect(tables).toHaveLength(4);
    expect(traces).toEqual([]);
    expect(kept).toBe(100);
  }, 240_000);
});
