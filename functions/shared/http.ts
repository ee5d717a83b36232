import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';
import { negotiate } from './negotiation';
import { HttpProblem, validationProblem } from './problems';

export type HttpResult = APIGatewayProxyStructuredResultV2;

export { HttpProblem, type Problem, validationProblem } from './problems';

export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

export const problemResponse = (problem: HttpProblem): HttpResult => ({
  statusCode: problem.status,
  headers: { 'content-type': 'application/problem+json', ...problem.headers },
  body: JSON.stringify(problem.toProblem()),
});

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The value of a header, case-insensitively (API Gateway v2 lower-cases them; be safe anyway). */
export const header = (event: APIGatewayProxyEventV2, name: string): string | undefined => {
  const wanted = name.toLowerCase();
  const found = Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === wanted);
  return found?.[1];
};

/**
 * The JSON body of a request, enforcing the transport rules: a non-JSON content type is
 * 415, more than `limitBytes` is 413, invalid UTF-8 or JSON or too deep a nesting is 400.
 *
 * @example
 * const body = readJsonBody(event, 64 * 1024);
 */
export const readJsonBody = (event: APIGatewayProxyEventV2, limitBytes: number): unknown => {
  const contentType = header(event, 'content-type')?.split(';')[0]?.trim();
  if (contentType && !JSON_MEDIA_TYPE.test(contentType)) {
    throw new HttpProblem('unsupported-media-type', `Content-Type must be application/json, not ${contentType}.`);
  }
  const bytes = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  if (bytes.length > limitBytes) {
    throw new HttpProblem('payload-too-large', `The body is ${bytes.length} bytes; the limit is ${limitBytes}.`);
  }
  if (bytes.length === 0)
    throw validationProblem([{ path: '', message: 'a JSON body is required' }], 'The request has no body.');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (error) {
    throw new HttpProblem('validation', 'The body is not valid UTF-8.', {
      errors: [{ path: '', message: 'body is not valid UTF-8' }],
      cause: error,
    });
  }
  return parseJsonText(text);
};

/**
 * JSON text as a value: 400 when it is not JSON or nests deeper than `MAX_JSON_DEPTH`
 * (checked before parsing, so such a body costs nothing more).
 *
 * @example
 * parseJsonText('{"score": 9}'); // { score: 9 }
 */
export const parseJsonText = (text: string): unknown => {
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    const message = `nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep`;
    throw validationProblem([{ path: '', message }], `The body ${message}.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw validationProblem(
      [{ path: '', message: `not valid JSON: ${(error as Error).message}` }],
      'The body is not valid JSON.',
    );
  }
};

/**
 * A JSON answer to a GET, after checking that its `Accept` header allows JSON (406 otherwise).
 *
 * @example
 * return respondJson(event, view);
 */
export const respondJson = (
  event: APIGatewayProxyEventV2,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResult => {
  negotiate(header(event, 'accept'), ['application/json']);
  return json(200, body, headers);
};
