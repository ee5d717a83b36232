import type { FieldError } from '../../domain/validation';
import { ConflictError, ContentionError, NpsError, RetryableError } from './errors';

/** Base of the `type` URIs of our problem documents (RFC 9457); each is listed in the OpenAPI document. */
export const PROBLEM_TYPE_BASE = 'urn:nps:problem:';

/**
 * Every kind of problem the API answers, with its status and title: defined once, used by every route and the OpenAPI
 * document.
 */
export const PROBLEM_KINDS = {
  validation: { status: 400, title: 'Invalid request' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'not-acceptable': { status: 406, title: 'Not acceptable' },
  conflict: { status: 409, title: 'Conflict' },
  gone: { status: 410, title: 'Gone' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'uri-too-long': { status: 414, title: 'URI too long' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'headers-too-large': { status: 431, title: 'Request header fields too large' },
  internal: { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'Service unavailable' },
  contention: { status: 503, title: 'Too many concurrent changes to the same resource' },
} as const;

export type ProblemKind = keyof typeof PROBLEM_KINDS;

/** An RFC 9457 problem document. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

/** A request that ends with a problem response; thrown anywhere in a handler. */
export class HttpProblem extends NpsError {
  readonly status: number;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    extras: { errors?: FieldError[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(`problem:${kind}`, `${PROBLEM_KINDS[kind].status} ${PROBLEM_KINDS[kind].title}: ${detail}`, {
      cause: extras.cause,
    });
    this.status = PROBLEM_KINDS[kind].status;
    this.errors = extras.errors;
    this.headers = extras.headers ?? {};
  }

  toProblem(): Problem {
    const { title, status } = PROBLEM_KINDS[this.kind];
    return {
      type: `${PROBLEM_TYPE_BASE}${this.kind}`,
      title,
      status,
      detail: this.detail,
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

/** 400 with the field errors of a failed validation. */
export const validationProblem = (
  errors: FieldError[],
  detail = 'The request is not valid; see errors.',
): HttpProblem => new HttpProblem('validation', detail, { errors });

/** Seconds a client should wait before retrying a 503. */
const RETRY_AFTER_SECONDS = '1';

/**
 * The problem an error answers, by family: an `HttpProblem` as it is, contention and an
 * unavailable dependency as a retryable 503 with `Retry-After`, a conflict with work in
 * progress as a 409, anything else (a bug) as a 500 that says nothing of the internals.
 * The one mapping of errors to HTTP.
 *
 * @example
 * problemOf(new DependencyUnavailableError('DynamoDB is unavailable')).status; // 503
 */
export const problemOf = (error: unknown): HttpProblem => {
  if (error instanceof HttpProblem) return error;
  const retryAfter = { headers: { 'retry-after': RETRY_AFTER_SECONDS }, cause: error };
  if (error instanceof ContentionError) {
    return new HttpProblem(
      'contention',
      'Other changes to the same resource kept winning the race; retry the request.',
      retryAfter,
    );
  }
  if (error instanceof RetryableError)
    return new HttpProblem('unavailable', 'A dependency is unavailable; retry the request.', retryAfter);
  if (error instanceof ConflictError) return new HttpProblem('conflict', error.message, { cause: error });
  return new HttpProblem('internal', 'An unexpected error occurred; it has been logged.', { cause: error });
};

/** True when a problem is the server's fault (log it as an error; 503s are warnings). */
export const isServerFault = (problem: HttpProblem): boolean => problem.kind === 'internal';
