import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../infra/local/stack';
import { readCounters } from '../support/items';
import { expectProblem } from '../support/problems';
import { api, startTestStack } from '../support/stack';
import { submitAll } from '../support/submit';

const dataDir = mkdtempSync(join(tmpdir(), 'nps-durable-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const at = '2026-11-20T10:15:00Z';

const startOnDisk = () => startLocalStack({ port: 0, dataDir, logLevel: 'SILENT', projectorBatchingWindowMs: 100 });

describe('a restart on NPS_DATA_DIR', () => {
  it('neither republishes nor re-projects what was already handled, and goes on from there', async () => {
    let stack: LocalStack | undefined = await startOnDisk();
    try {
      const http = api(stack.url);
      const responses = Array.from({ length: 30 }, (_, i) => ({
        responseId: `d-${i}`,
        score: i % 11,
        submittedAt: at,
        segments: { region: i % 2 ? 'eu' : 'us' },
      }));
      await submitAll(http, responses);
      await stack.settled();
      const published = stack.bus.events().length;
      const counters = await readCounters(stack.dynamoDbEndpoint, stack.tables.projections);
      expect(published).toBeGreaterThan(10);
      await stack.stop();

      stack = await startOnDisk();
      await stack.settled();
      expect(stack.bus.events()).toEqual([]); // nothing published again
      expect(await readCounters(stack.dynamoDbEndpoint, stack.tables.projections)).toEqual(counters);

      await api(stack.url).post('/v1/responses', { responseId: 'd-after', score: 0, submittedAt: at });
      await stack.settled();
      expect(
        stack.bus
          .events('DetractorResponseReceived')
          .map((e) => (e.detail as { data: { responseId: string } }).data.responseId),
      ).toEqual(['d-after']);
    } finally {
      await stack?.stop();
    }
  });
});

describe('the local event log', () => {
  it('keeps the latest events only and pages through them with after/limit/next', async () => {
    const stack = await startTestStack({ eventsKeep: 50 });
    try {
      const http = api(stack.url);
      for (let i = 0; i < 80; i++) await http.post('/local/events', { detailType: 'LogTest', detail: { i } });
      await stack.settled();
      const seen: number[] = [];
      const ids: string[] = [];
      let after: string | undefined;
      do {
        const page = await http.get(`/local/events?detailType=LogTest&limit=20${after ? `&after=${after}` : ''}`);
        expect(page.body.events.length).toBeLessThanOrEqual(20);
        seen.push(...page.body.events.map((e: { detail: { i: number } }) => e.detail.i));
        ids.push(...page.body.events.map((e: { id: string }) => e.id));
        after = page.body.next;
      } while (after);
      expect(seen).toEqual(Array.from({ length: 50 }, (_, k) => 30 + k));
      expect((await http.get(`/local/events?after=${ids.at(-1)}`)).body).toEqual({ events: [] });
      expectProblem(await http.get('/local/events?after=no-such-event'), 404);
      expectProblem(await http.get('/local/events?limit=10001'), 400);
    } finally {
      await stack.stop();
    }
  });
});

describe('contention on one response', () => {
  it(
    'answers 25 concurrent amendments with 202, or 503 contention with Retry-After — never "dependency ' +
      'unavailable"',
    async () => {
      const stack = await startTestStack();
      try {
        const http = api(stack.url);
        await http.post('/v1/responses', { responseId: 'c-1', score: 5, submittedAt: at });
        const answers = await Promise.all(
          Array.from({ length: 25 }, (_, i) => http.patch('/v1/responses/c-1', { comment: `take ${i}` })),
        );
        const amended = answers.filter((a) => a.status === 202).length;
        const contended = answers.filter((a) => a.status === 503);
        console.log(`contention: 25 concurrent PATCHes → ${amended}×202, ${contended.length}×503 contention`);
        expect(amended + contended.length).toBe(25);
        expect(amended).toBeGreaterThan(0);
        for (const answer of contended) {
          expect(answer.body.type).toBe('urn:nps:problem:contention');
          expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
        }
        expect((await http.get('/v1/responses/c-1')).body.history).toHaveLength(1 + amended);
      } finally {
        await stack.stop();
      }
    },
  );
});
