import { NpsError } from '../../domain/errors';

export { ConfigurationError, CorruptEventError, InvariantError, NpsError } from '../../domain/errors';

/**
 * A failure that goes away by itself: the same request, retried later, can succeed. The
 * HTTP API answers 503 with `Retry-After`; stream-driven functions report the batch as
 * failed so that it is delivered again.
 */
export abstract class RetryableError extends NpsError {}

/** A dependency (DynamoDB, EventBridge) is unavailable, too slow or throttling. */
export class DependencyUnavailableError extends RetryableError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('dependency_unavailable', message, options);
  }
}

/**
 * Too many concurrent writers on the same item kept winning the race (optimistic concurrency, transaction conflicts).
 */
export class ContentionError extends RetryableError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('contention', message, options);
  }
}

/** The request conflicts with work already in progress (a second rebuild while one runs): the HTTP API answers 409. */
export class ConflictError extends NpsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('conflict', message, options);
  }
}
