import type { FieldError } from '../../domain/validation';

/** An inbound event that could not be ingested, and why. */
export interface DeadLetter {
  /** `undeliverable`: the target kept failing (dependency down) until retries ran out. */
  reason: 'invalid' | 'conflict' | 'erased' | 'unsupported' | 'undeliverable';
  detail: string;
  errors?: FieldError[];
  event: unknown;
  failedAt: string;
}

/** Where refused inbound events go: an SQS queue when deployed, a list in the local stack. */
export interface DeadLetterSink {
  send(letter: DeadLetter): Promise<void>;
}
