import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { HttpProblem } from '../../functions/shared/problems';

/**
 * What the local server checks of a request before it routes it, as API Gateway does:
 * sizes, the token, the body's limit; and how it answers a request Node could not parse.
 */

/** API Gateway HTTP APIs accept bodies up to 10 MB. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Longest request target answered (longer: 414), and most header bytes (more: 431), about API Gateway's limits. */
const MAX_URL_LENGTH = 8_192;
const MAX_HEADER_BYTES = 10_240;
/** What Node itself parses before refusing (431 from `clientError`): room for the limits above to be answered properly. */
export const NODE_MAX_HEADER_SIZE = 64 * 1024;

export const readBody = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () =>
      size > MAX_BODY_BYTES
        ? reject(new HttpProblem('payload-too-large', 'The body exceeds 10 MB.'))
        : resolve(Buffer.concat(chunks)),
    );
    request.on('error', reject);
  });

export const isAuthorized = (request: IncomingMessage, token: string): boolean => {
  // RFC 6750: the scheme, one or more spaces, the token (case-insensitive scheme)
  const presented = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
  const [a, b] = [Buffer.from(presented), Buffer.from(token)];
  return a.length === b.length && timingSafeEqual(a, b);
};

/** What answers without the token when one is set: the health check (the static files are matched before). */
export const OPEN_PATHS = new Set(['/healthz']);

export const unauthorized = () =>
  new HttpProblem('unauthorized', 'Send Authorization: Bearer <NPS_API_TOKEN>.', {
    headers: { 'www-authenticate': 'Bearer' },
  });

/** 414 for an over-long request target, 431 for over-large headers, as problem documents. */
export const checkSizes = (request: IncomingMessage) => {
  const url = request.url ?? '/';
  if (url.length > MAX_URL_LENGTH)
    throw new HttpProblem(
      'uri-too-long',
      `The request target is ${url.length} characters; the limit is ${MAX_URL_LENGTH}.`,
    );
  const headerBytes = request.rawHeaders.reduce((sum, part) => sum + Buffer.byteLength(part), 0);
  if (headerBytes > MAX_HEADER_BYTES)
    throw new HttpProblem(
      'headers-too-large',
      `The headers are ${headerBytes} bytes; the limit is ${MAX_HEADER_BYTES}.`,
    );
};

/** Answers a request Node could not parse (too large, malformed) with a problem document, then closes the connection. */
export const answerClientError = (error: NodeJS.ErrnoException, socket: Duplex) => {
  if (!socket.writable) return socket.destroy();
  const problem = (
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new HttpProblem('headers-too-large', `The request line and headers exceed ${NODE_MAX_HEADER_SIZE} bytes.`)
      : new HttpProblem('validation', 'The request could not be parsed as HTTP/1.1.')
  ).toProblem();
  const body = JSON.stringify(problem);
  socket.end(
    `HTTP/1.1 ${problem.status} ${problem.title}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
};
