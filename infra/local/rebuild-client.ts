import { request } from 'node:http';
import type { RebuildResult } from '../../functions/rebuild/rebuild';

/**
 * Asks a running local stack to rebuild (`POST /local/rebuild`, with its token when it has
 * one) and waits however long it takes. Plain `node:http` with no timeout: `fetch` gives up after 5 minutes without
 * response headers, and a rebuild of a few hundred thousand responses takes longer.
 */
export const requestRebuild = (baseUrl: string, token?: string): Promise<RebuildResult> =>
  new Promise((resolve, reject) => {
    const headers = token ? { authorization: `Bearer ${token}` } : {};
    const req = request(`${baseUrl}/local/rebuild`, { method: 'POST', timeout: 0, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString() || '{}');
        if (res.statusCode === 200) resolve(body as RebuildResult);
        else reject(new Error(`rebuild failed (${res.statusCode}): ${JSON.stringify(body)}`));
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ECONNREFUSED'
          ? new Error(`no local stack answers on ${baseUrl}; start it with npm start (or set PORT)`)
          : error,
      ),
    );
    req.end();
  });
