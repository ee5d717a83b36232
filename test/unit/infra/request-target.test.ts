import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { requestTarget } from '../../../infra/local/request-target';

const request = (url: string, hosts: string[] = ['127.0.0.1:3000']) =>
  ({
    url,
    rawHeaders: hosts.flatMap((h) => ['Host', h]),
    headers: hosts.length ? { host: hosts[0] } : {},
  }) as unknown as IncomingMessage;

describe('the target of a request', () => {
  it('keeps the path as sent: dot segments, // and backslashes are not rewritten', () => {
    for (const path of ['/v1/responses/..', '//healthz', '/v1\\nps', '/a/./b'])
      expect(requestTarget(request(path)).pathname).toBe(path);
    const target = requestTarget(request('/v1/nps?segment=region%3Aeu&from=2026-01-01'));
    expect([target.pathname, target.search, target.searchParams.get('segment'), target.host]).toEqual([
      '/v1/nps',
      '?segment=region%3Aeu&from=2026-01-01',
      'region:eu',
      '127.0.0.1:3000',
    ]);
  });

  it('reads an absolute-form target; refuses a malformed one, a malformed or repeated Host, with 400', () => {
    expect(requestTarget(request('http://example.com:8080/healthz?x=1'))).toMatchObject({
      pathname: '/healthz',
      host: 'example.com:8080',
    });
    expect(requestTarget(request('http://example.com'))).toMatchObject({ pathname: '/' });
    expect(requestTarget(request('/healthz', ['']))).toMatchObject({ host: '' });
    expect(requestTarget(request('/healthz', ['[::1]:3000']))).toMatchObject({ host: '[::1]:3000' });
    const refused = [
      ...['http://x:99999/', 'http://[/', '*', 'healthz', 'ftp://x/'].map((url) => request(url)),
      ...['[', 'a b', 'x:99999', '%', '%zz', 'a:b:c'].map((host) => request('/healthz', [host])),
      request('/healthz', ['a', 'b']),
    ];
    for (const r of refused)
      expect(() => requestTarget(r), `${r.url} ${r.rawHeaders}`).toThrow(expect.objectContaining({ status: 400 }));
  });
});
