import { describe, expect, it } from 'vitest';
import { expectProblem, submissionBody } from '../support/problems';
import { rawRequest } from '../support/raw-http';
import { api, startTestStack, useTestStack } from '../support/stack';
import { submitAll } from '../support/submit';

const { stack, http } = useTestStack();

/** Every retained event and dead letter of the local log, as one text. */
const wholeLog = async () => {
  const pages: unknown[] = [];
  for (let after: string | undefined; ; ) {
    const page = (await http.get(`/local/events?limit=10000${after ? `&after=${after}` : ''}`)).body;
    pages.push(page.events);
    if (!page.next) break;
    after = page.next;
  }
  return JSON.stringify([pages, (await http.get('/local/dead-letters')).body]);
};

const pollUntil = async (condition: () => Promise<boolean>, what: string) => {
  for (let i = 0; i < 300; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`never happened: ${what}`);
};

describe('with NPS_API_TOKEN set', () => {
  it('needs the token on every data route, /local/* too; only /healthz and the page stay open', async () => {
    const guarded = await startTestStack({ apiToken: 's3cret' });
    try {
      const anonymous = api(guarded.url);
      const event = { detailType: 'NpsResponseSubmitted', detail: submissionBody('tok-1') };
      expectProblem(await anonymous.get('/local/events'), 401);
      expectProblem(await anonymous.post('/local/events', event), 401);
      expectProblem(await anonymous.post('/local/rebuild', {}), 401);
      expectProblem(await anonymous.get('/local/dead-letters'), 401);
      expectProblem(await anonymous.get('/v1/nps'), 401);
      expectProblem(await anonymous.get('/nowhere'), 401);
      expect((await anonymous.get('/healthz')).status).toBe(200);
      expect((await fetch(`${guarded.url}/`)).status).toBe(200);
      const withToken = api(guarded.url, { authorization: 'Bearer s3cret' });
      expect((await withToken.get('/v1/responses/tok-1')).status).toBe(404); // the refused event ingested nothing
      expect((await withToken.get('/local/events')).status).toBe(200);
    } finally {
      await guarded.stop();
    }
  });

  it('answers 401 before reading a large body', async () => {
    const guarded = await startTestStack({ apiToken: 's3cret' });
    try {
      const head = 'POST /v1/responses/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n';
      // 10 MB announced, 1 KB sent: the answer must come without the rest
      const answer = await rawRequest(
        Number(guarded.port),
        `${head}Content-Length: 10000000\r\n\r\n${'x'.repeat(1024)}`,
      );
      expect([answer.status, answer.headers['content-type']]).toEqual([401, 'application/problem+json']);
    } finally {
      await guarded.stop();
    }
  });
});

describe('erasure', () => {
  it('leaves nothing of the comment or respondentId in the local event log or its dead letters', async () => {
    const secret = (n: number) => `Serveur odieux, SECRET-COMMENT-${n}`;
    const person = 'person-SECRET-ID';
    await submitAll(http, [
      submissionBody('sec-er-1', { score: 2, comment: secret(1), respondentId: person }),
      submissionBody('sec-er-2', {
        score: 10,
        comment: secret(2),
        respondentId: person,
        submittedAt: '2026-11-21T10:15:00Z',
      }),
    ]);
    const inbound = submissionBody('sec-er-3', {
      score: 1,
      comment: secret(3),
      respondentId: person,
      submittedAt: '2026-11-22T10:15:00Z',
    });
    await http.post('/local/events', { detailType: 'NpsResponseSubmitted', detail: inbound });
    // the same id with other content: a dead letter holding that comment
    await http.post('/local/events', {
      detailType: 'NpsResponseSubmitted',
      detail: { ...inbound, comment: secret(4) },
    });
    await pollUntil(
      async () => [1, 2, 3, 4].every((n) => wholeLog().then((log) => log.includes(`SECRET-COMMENT-${n}`))),
      'the published events and the dead letter hold the comments',
    );
    await stack().settled();
    expect((await http.delete('/v1/responses/sec-er-1')).status).toBe(202);
    expect((await http.delete(`/v1/respondents/${encodeURIComponent(person)}`)).status).toBe(202);
    await stack().settled();
    const log = await wholeLog();
    expect(log).toContain('sec-er-3'); // the events stay, without their personal data
    expect(log).not.toContain('SECRET-COMMENT');
    expect(log).not.toContain('SECRET-ID');
  });
});

describe('rebuild', () => {
  it('answers a second rebuild while one runs with a 409 problem', async () => {
    await http.post('/v1/responses', submissionBody('rb-1'));
    const answers = await Promise.all([http.post('/local/rebuild', {}), http.post('/local/rebuild', {})]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    expectProblem(refused, 409);
    expect(refused.body.detail).toMatch(/running/);
  });
});

describe('CSV', () => {
  it('neutralises formulas in the respondents CSV', async () => {
    const formulas = ['=HYPERLINK("http://x","y")', '+1+1', '-1+1', '@SUM(1+1)'];
    await submitAll(
      http,
      formulas.map((respondentId, i) => submissionBody(`csv-f-${i}`, { respondentId })),
    );
    await stack().settled();
    const csv = (await http.get('/v1/respondents?format=csv&limit=1000')).text;
    const cells = csv
      .split('\r\n')
      .slice(1, -1)
      .map((row: string) => row.split(',')[0]);
    for (const formula of formulas) {
      const quoted = formula.includes('"') ? `"'${formula.replace(/"/g, '""')}"` : `'${formula}`;
      expect(
        csv.split('\r\n').some((row: string) => row.startsWith(quoted)),
        `${formula} in ${cells}`,
      ).toBe(true);
    }
  });
});

describe('/v1/analyze', () => {
  it('lets other requests through while it analyses 100 long comments', async () => {
    const text = 'Le personnel était désagréable mais le prix restait correct, livraison en retard. '
      .repeat(60)
      .slice(0, 5_000);
    let analysed = false;
    const analysis = http
      .post('/v1/analyze', { comments: Array.from({ length: 100 }, () => ({ text })) })
      .then((answer) => {
        analysed = true;
        return answer.status;
      });
    let answeredMeanwhile = 0;
    while (!analysed) if ((await http.get('/healthz')).status === 200 && !analysed) answeredMeanwhile++;
    expect(await analysis).toBe(200);
    // one comment at a time holds the event loop: the health checks go on in between
    expect(answeredMeanwhile).toBeGreaterThanOrEqual(5);
  });
});
