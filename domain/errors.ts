/**
 * The base of every error the backend throws on purpose: a stable `code` (for logs,
 * metrics and the HTTP mapping) and the `cause` that led to it. Subclasses name a concern;
 * callers branch on the class (or family), never on the message.
 *
 * @example
 * throw new InvariantError(`${id}: condition failed but the stream is empty`);
 */
export class NpsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A rule the code relies on does not hold (a bug, or data no code path writes): never the client's mistake. */
export class InvariantError extends NpsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('invariant', message, options);
  }
}

/** A stored event that does not match its schema: never silently used. */
export class CorruptEventError extends NpsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('corrupt_event', message, options);
  }
}

/** A setting (environment, CDK context, a configuration file) is missing or invalid: reported at start. */
export class ConfigurationError extends NpsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('configuration', message, options);
  }
}
