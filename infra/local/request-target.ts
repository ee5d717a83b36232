import type { IncomingMessage } from 'node:http';
import { HttpProblem } from '../../functions/shared/problems';

/**
 * What the local server reads of a request's target: the path exactly as sent (no dot
 * segments collapsed, no `//` read as a host, no `\` turned into `/`, as API Gateway
 * matches routes), the query, and the host the client named.
 */
export interface RequestTarget {
  pathname: string;
  /** The query with its `?`, or `''`. */
  search: string;
  searchParams: URLSearchParams;
  host: string;
}

/** RFC 3986 `host [":" port]`: an IP literal in brackets or a reg-name (unreserved, sub-delims, `%XX`), then digits. */
const HOST_PATTERN = /^(?:\[[0-9A-Fa-f:.]+\]|(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*)(?::(\d{1,5}))?$/;
/** An absolute-form target (`http://host/path?query`), as a proxy would send it. */
const ABSOLUTE_FORM = /^https?:\/\/([^/?#]*)([^?#]*)(\?[^#]*)?$/i;
/** An origin-form target: a path from `/`, then an optional query (no fragment). */
const ORIGIN_FORM = /^(\/[^?#]*)(\?[^#]*)?$/;

const malformed = (detail: string) => new HttpProblem('validation', detail);

/** True when `host` is a well-formed `Host` value (empty is allowed: RFC 9112 §3.2). */
const isWellFormedHost = (host: string): boolean => {
  const match = HOST_PATTERN.exec(host);
  return match !== null && (match[1] === undefined || Number(match[1]) <= 65_535);
};

/** The one `Host` header of a request: 400 when it is repeated or malformed. */
const hostOf = (request: IncomingMessage): string => {
  const hosts = request.rawHeaders.filter((_, i) => i % 2 === 0 && request.rawHeaders[i]!.toLowerCase() === 'host');
  if (hosts.length > 1) throw malformed('The request has more than one Host header.');
  const host = request.headers.host ?? '';
  if (!isWellFormedHost(host)) throw malformed('The Host header is not a valid host[:port].');
  return host;
};

const targetOf = (pathname: string, search: string | undefined, host: string): RequestTarget => ({
  pathname,
  search: search ?? '',
  searchParams: new URLSearchParams(search ?? ''),
  host,
});

/**
 * The target of a request, or a 400 problem when its `Host` header or request target is
 * malformed (checked before any other work: such a request reaches no route).
 *
 * @example
 * requestTarget(request); // { pathname: '/v1/nps', search: '?segment=all', searchParams, host: '127.0.0.1:3000' }
 */
export const requestTarget = (request: IncomingMessage): RequestTarget => {
  const host = hostOf(request);
  const raw = request.url ?? '/';
  const origin = ORIGIN_FORM.exec(raw);
  if (origin) return targetOf(origin[1]!, origin[2], host);
  const absolute = ABSOLUTE_FORM.exec(raw);
  if (!absolute || !isWellFormedHost(absolute[1]!))
    throw malformed('The request target is neither a path nor an absolute http URL.');
  return targetOf(absolute[2] || '/', absolute[3], absolute[1]!);
};
