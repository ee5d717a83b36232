import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { api, startTestStack } from '../support/stack';

describe('NPS_LOCAL_WEBHOOK', () => {
  it('forwards every published event as a JSON POST, shaped as EventBridge delivers it', async () => {
    const received: any[] = [];
    const hook = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push(JSON.parse(body));
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const stack = await startTestStack({
      webhook: `http://127.0.0.1:${(hook.address() as { port: number }).port}/nps`,
    });
    try {
      const http = api(stack.url);
      await http.post('/v1/responses', {
        responseId: 'hook-1',
        score: 1,
        submittedAt: new Date().toISOString(),
        comment: 'call me',
      });
      // settled() can pass before DynamoDB Local shows the new stream record on a loaded machine: wait for the POSTs
      // too
      for (let waited = 0; received.length < 2 && waited < 30_000; waited += 100) {
        await stack.settled();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const types = received.map((event) => event['detail-type']).sort();
      expect(types).toContain('DetractorResponseReceived');
      expect(types).toContain('NpsAggregateUpdated');
      expect(received.find((e) => e['detail-type'] === 'DetractorResponseReceived')).toMatchObject({
        source: 'nps.backend',
        id: expect.any(String),
        detail: { data: { responseId: 'hook-1', comment: 'call me' } },
      });
      expect(received.length).toBe((await http.get('/local/events')).body.events.length);
      // a response without segments (an empty map in the stream record) is counted in `all`
      expect(received.find((e) => e['detail-type'] === 'NpsAggregateUpdated').detail.data).toMatchObject({
        segment: 'all',
        day: { responses: 1, detractors: 1 },
      });
    } finally {
      await stack.stop();
      hook.close();
    }
  });
});
