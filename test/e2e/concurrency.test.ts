import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../infra/local/stack';
import { scanAll } from '../support/items';
import { api, startTestStack } from '../support/stack';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

describe('concurrent submissions of one responseId over HTTP', () => {
  it.each([1, 2, 3])(
    'leave exactly one stored event and one 202, 200 for identical, 409 for different (round %i)',
    async (round) => {
      const http = api(stack.url);
      const id = `race-${round}`;
      const identical = {
        responseId: id,
        score: 9,
        submittedAt: '2026-11-20T10:15:00Z',
        segments: { region: 'eu' },
        comment: 'same',
      };
      const different = { ...identical, score: 2, comment: 'other' };
      const bodies = Array.from({ length: 24 }, (_, i) => (i % 3 === 0 ? different : identical));
      const responses = await Promise.all(bodies.map((body) => http.post('/v1/responses', body)));
      const stored = (await scanAll(stack.dynamoDbEndpoint, stack.tables.events)).filter(
        (item) => item.streamId === id,
      );
      expect(stored).toHaveLength(1);
      const winner = (stored[0]!.data as { score: number }).score === 9 ? identical : different;
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 202)).toHaveLength(1);
      bodies.forEach((body, i) => {
        if (statuses[i] === 202) expect(body).toBe(winner);
        else expect(statuses[i]).toBe(body === winner ? 200 : 409);
      });
    },
  );
});
