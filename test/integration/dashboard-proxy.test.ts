import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { dashboardFiles } from '../../infra/local/dashboard-files';
import { apiSigner, createDashboardProxy } from '../../infra/local/dashboard-proxy';
import { createSigV4Verifier } from '../support/sigv4-verifier';

const KEY = { accessKeyId: 'AKIDEXAMPLE', secret: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', region: 'eu-west-3' };
const servers: Server[] = [];

const listen = async (server: Server) => {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
};

/** The proxy in front of the verifier, signing with the given secret. */
const proxyTo = async (secret: string) => {
  const verifier = createSigV4Verifier(KEY);
  const api = new URL(`${await listen(verifier.server)}/`);
  const signer = apiSigner({
    region: KEY.region,
    credentials: { accessKeyId: KEY.accessKeyId, secretAccessKey: secret },
  });
  return { url: await listen(createDashboardProxy({ api, signer, files: dashboardFiles() })), seen: verifier.seen };
};

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('npm run dashboard: the SigV4 proxy', () => {
  it(
    'signs every /v1 call so that a verifier recomputing the signature accepts it, queries and encoded ids ' +
      'included',
    async () => {
      const { url, seen } = await proxyTo(KEY.secret);
      for (const path of [
        '/v1/nps?segment=region%3Aeu&from=2026-01-01&to=2026-06-30',
        '/v1/respondents?order=newest&category=detractor&limit=10',
        '/v1/responses/caller%2017',
        '/v1/themes/discover?segment=plan%3Afree&to=2026-12-03&from=2026-01-01&x=its%20(a)*b!',
      ]) {
        const answer = await fetch(`${url}${path}`);
        expect(answer.status, path).toBe(200);
        expect(((await answer.json()) as { url: string }).url).toBe(path);
      }
      expect(seen.map((s) => s.status)).toEqual([200, 200, 200, 200]);
      const page = await fetch(`${url}/`);
      expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
      expect((await fetch(`${url}/dashboard/vendor/uPlot.iife.min.js`)).status).toBe(200);
    },
  );

  it('is refused by the verifier when the secret is wrong, and forwards only GET /v1/*', async () => {
    const { url, seen } = await proxyTo('not-the-secret');
    const answer = await fetch(`${url}/v1/nps`);
    expect(answer.status).toBe(403);
    expect(((await answer.json()) as { message: string }).message).toBe('signature does not match');
    expect(seen).toEqual([{ url: '/v1/nps', status: 403 }]);
    expect((await fetch(`${url}/v1/responses`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(`${url}/local/events`)).status).toBe(404);
  });
});
