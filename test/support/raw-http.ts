import { connect } from 'node:net';

/** An answer read off the wire: status, lower-cased headers, body text. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A chunked body (`transfer-encoding: chunked`) as its content. */
const dechunk = (raw: string): string => {
  let body = '';
  for (let at = 0; at < raw.length; ) {
    const lineEnd = raw.indexOf('\r\n', at);
    const size = Number.parseInt(raw.slice(at, lineEnd), 16);
    if (!size) break;
    body += raw.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
  return body;
};

const parseAnswer = (text: string): RawAnswer => {
  const [head = '', ...rest] = text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [
      line.slice(0, line.indexOf(':')).trim().toLowerCase(),
      line.slice(line.indexOf(':') + 1).trim(),
    ]),
  );
  const raw = rest.join('\r\n\r\n');
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: headers['transfer-encoding'] === 'chunked' ? dechunk(raw) : raw,
  };
};

/**
 * Sends bytes as they are to a server (what `fetch` will not send: a malformed Host, an
 * absolute-form target, dot segments left as they are) and reads the answer until the
 * server closes the connection (send `Connection: close`) or `timeoutMs` passes.
 *
 * @example
 * const answer = await rawRequest(port, 'GET /healthz HTTP/1.1\r\nHost: [\r\nConnection: close\r\n\r\n');
 */
export const rawRequest = (port: number, request: string | Buffer, { timeoutMs = 20_000 } = {}): Promise<RawAnswer> =>
  new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(`no complete answer within ${timeoutMs} ms; got ${JSON.stringify(Buffer.concat(chunks).toString())}`),
      );
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined); // a reset after the answer (the server closed on a body it did not read)
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parseAnswer(Buffer.concat(chunks).toString('utf8')));
    });
    socket.write(request);
  });

/** A GET of `target` with the given Host header line (omitted when `host` is undefined). */
export const rawGet = (port: number, target: string, host: string | undefined = '127.0.0.1') =>
  rawRequest(
    port,
    `GET ${target} HTTP/1.1\r\n${host === undefined ? '' : `Host: ${host}\r\n`}Connection: close\r\n\r\n`,
  );
