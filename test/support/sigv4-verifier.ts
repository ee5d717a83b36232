import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';

/**
 * A stand-in for API Gateway's IAM authorizer, written from the SigV4 specification with
 * node:crypto alone (not with the signer under test): recomputes the signature of each
 * request from the secret it knows and answers 200 (echoing what it saw) or 403.
 */
const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
/** RFC 3986 encoding, as SigV4 canonicalisation wants it. */
const encode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, SignedHeaders=…, Signature=…`. */
const AUTHORIZATION = new RegExp(
  '^AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, ' +
    'SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$',
);

/** The canonical request of what arrived (GET, no body), for the headers the client says it signed. */
const canonicalRequest = (request: IncomingMessage, signedHeaders: string[]) => {
  const url = new URL(request.url ?? '/', 'http://verifier');
  // non-S3 services encode each path segment once more (the path arrives already encoded)
  const path = url.pathname
    .split('/')
    .map((segment) => encode(segment))
    .join('/');
  const query = [...url.searchParams]
    .map(([key, value]) => [encode(key), encode(value)])
    .sort(([a, x], [b, y]) => (a === b ? (x! < y! ? -1 : 1) : a! < b! ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const headers = signedHeaders.map((name) => `${name}:${String(request.headers[name] ?? '').trim()}\n`).join('');
  return [request.method, path, query, headers, signedHeaders.join(';'), sha256('')].join('\n');
};

/** Whether a request carries a valid signature by `accessKeyId`/`secret` for `execute-api` in `region`. */
const verify = (
  request: IncomingMessage,
  key: { accessKeyId: string; secret: string; region: string },
): string | undefined => {
  const match = AUTHORIZATION.exec(String(request.headers.authorization ?? ''));
  if (!match) return 'no SigV4 Authorization header';
  const [, accessKeyId, day, region, service, signed, signature] = match;
  if (accessKeyId !== key.accessKeyId || region !== key.region || service !== 'execute-api')
    return 'wrong credential scope';
  const amzDate = String(request.headers['x-amz-date'] ?? '');
  if (!amzDate.startsWith(day!)) return 'x-amz-date does not match the scope';
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest(request, signed!.split(';')))].join(
    '\n',
  );
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${key.secret}`, day!), region!), service!), 'aws4_request');
  return hmac(signingKey, stringToSign).toString('hex') === signature ? undefined : 'signature does not match';
};

/** The verifier as an HTTP server; `seen` lists what it answered. */
export const createSigV4Verifier = (key: { accessKeyId: string; secret: string; region: string }) => {
  const seen: { url: string; status: number }[] = [];
  const server: Server = createServer((request, response) => {
    const refused = verify(request, key);
    const status = refused ? 403 : 200;
    seen.push({ url: request.url ?? '', status });
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(refused ? { message: refused } : { url: request.url, signedBy: key.accessKeyId }));
  });
  return { server, seen };
};
