import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/stack';
import { listTables, scanAll } from '../support/items';
import { api, startTestStack } from '../support/stack';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

/** Every table of this stack (they share its prefix), scanned in full. */
const scanEveryTable = async (): Promise<string> => {
  const prefix = stack.tables.events.slice(0, stack.tables.events.indexOf('Events'));
  const names = await listTables(stack.dynamoDbEndpoint, prefix);
  expect(names.length).toBeGreaterThanOrEqual(3);
  const items = await Promise.all(names.map((name) => scanAll(stack.dynamoDbEndpoint, name)));
  return JSON.stringify(items);
};

describe('erasure (GDPR art. 17)', () => {
  it('leaves no copy of the comment or respondentId in any table', async () => {
    const http = api(stack.url);
    const secrets = {
      comment: 'Please call me on +49 170 0000000',
      respondentId: 'cust-secret-777',
      amended: 'Actually, email me at me@example.com',
    };
    await http.post('/v1/responses', {
      responseId: 'gdpr-1',
      score: 2,
      submittedAt: '2026-11-20T10:15:00Z',
      segments: { region: 'eu' },
      comment: secrets.comment,
      respondentId: secrets.respondentId,
    });
    await http.patch('/v1/responses/gdpr-1', { comment: secrets.amended, score: 3 });
    await stack.settled();
    const before = await scanEveryTable();
    expect(before).toContain(secrets.comment);
    expect(before).toContain(secrets.respondentId);

    expect((await http.delete('/v1/responses/gdpr-1')).status).toBe(202);
    await stack.settled();
    const after = await scanEveryTable();
    for (const secret of Object.values(secrets)) expect(after).not.toContain(secret);
    const view = await http.get('/v1/responses/gdpr-1');
    for (const secret of Object.values(secrets)) expect(view.text).not.toContain(secret);
  });
});
