import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, SourceData } from '@smithy/types';
import type { StaticFile } from './dashboard-files';

const bytesOf = (data: SourceData): string | Uint8Array =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

/** SHA-256 (and HMAC-SHA-256 with a secret) for the signer, from node:crypto. */
class Sha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytesOf(secret));
  }
  update(data: SourceData) {
    this.hash.update(bytesOf(data));
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

/** Signs requests to an API Gateway HTTP API (`execute-api`) with SigV4. */
export const apiSigner = ({
  region,
  credentials,
}: {
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}) => new SignatureV4({ service: 'execute-api', region, credentials, sha256: Sha256 });

/** The request to the API for a proxied `/v1/*` request: same method, path and query, on the API's host. */
const outgoing = (api: URL, request: IncomingMessage) => {
  const url = new URL(request.url ?? '/', 'http://proxy');
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  const base = api.pathname.replace(/\/$/, '');
  return {
    method: request.method ?? 'GET',
    protocol: api.protocol,
    hostname: api.hostname,
    port: api.port ? Number(api.port) : undefined,
    path: `${base}${url.pathname}`,
    query,
    headers: { host: api.host, accept: String(request.headers.accept ?? 'application/json') },
    search: url.search,
  };
};

/** Forwards one GET to the API, signed; answers with the API's status, type and body. */
const forward = async (api: URL, signer: SignatureV4, request: IncomingMessage, response: ServerResponse) => {
  const { search, ...unsigned } = outgoing(api, request);
  const signed = await signer.sign(unsigned);
  const answer = await fetch(`${api.protocol}//${api.host}${unsigned.path}${search}`, {
    method: unsigned.method,
    headers: signed.headers as Record<string, string>,
  });
  const body = Buffer.from(await answer.arrayBuffer());
  const headers: Record<string, string> = { 'content-type': answer.headers.get('content-type') ?? 'application/json' };
  for (const name of ['retry-after', 'x-next-cursor'])
    if (answer.headers.has(name)) headers[name] = answer.headers.get(name)!;
  response.writeHead(answer.status, headers).end(body);
};

/**
 * `npm run dashboard`: the dashboard's files served locally and its `/v1/*` calls (GET only:
 * the page only reads) forwarded to a deployed API, signed with the user's AWS credentials.
 *
 * @example
 * createDashboardProxy({ api: new URL(apiUrl), signer: apiSigner({ region, credentials }), files: dashboardFiles()
 * }).listen(8080);
 */
export const createDashboardProxy = ({
  api,
  signer,
  files,
}: {
  api: URL;
  signer: SignatureV4;
  files: Map<string, StaticFile>;
}): Server =>
  createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://proxy').pathname;
    const file = request.method === 'GET' ? files.get(path) : undefined;
    if (file) return void response.writeHead(200, { 'content-type': file.contentType }).end(file.body);
    if (request.method !== 'GET' || !path.startsWith('/v1/')) {
      return void response
        .writeHead(404, { 'content-type': 'text/plain' })
        .end('the dashboard proxy forwards GET /v1/* only');
    }
    forward(api, signer, request, response).catch((error: Error) => {
      response.writeHead(502, { 'content-type': 'application/problem+json' });
      response.end(
        JSON.stringify({
          type: 'about:blank',
          title: 'Bad Gateway',
          status: 502,
          detail: `the API could not be reached: ${error.message}`,
        }),
      );
    });
  });
