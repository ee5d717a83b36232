import { isTransientAwsError } from '../aws-errors';
import { DependencyUnavailableError } from '../errors';

/** True when a DynamoDB error means "unavailable right now": answer 503, let the client retry. */
export const isUnavailable = isTransientAwsError;

/**
 * Runs a DynamoDB call and turns unavailability into `DependencyUnavailableError`;
 * every other error (a bug, a broken invariant) passes through unchanged.
 *
 * @example
 * const { Item } = await guardDependency(() => client.send(new GetCommand(input)));
 */
export const guardDependency = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    if (error instanceof DependencyUnavailableError || !isUnavailable(error)) throw error;
    throw new DependencyUnavailableError('DynamoDB is unavailable', { cause: error });
  }
};

/**
 * The cancellation reason code of each item of a cancelled transaction, in item order
 * (`None` for items that were fine); empty for any other error.
 *
 * @example
 * cancellationReasons(error); // ['None', 'ConditionalCheckFailed']
 */
export const cancellationReasons = (error: unknown): string[] => {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return [];
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? 'None');
};

/** Reason codes of a cancelled transaction worth retrying: another writer or a throttle, not a failed condition. */
const TRANSIENT_REASONS = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);

/** True when a transaction was cancelled only by contention or throttling (no condition failed): retry it. */
export const isTransientCancellation = (error: unknown): boolean => {
  const reasons = cancellationReasons(error);
  return reasons.some((code) => TRANSIENT_REASONS.has(code)) && !reasons.includes('ConditionalCheckFailed');
};

/** True when a write failed because one of its conditions did not hold. */
export const isConditionFailure = (error: unknown): boolean =>
  (error instanceof Error && error.name === 'ConditionalCheckFailedException') ||
  cancellationReasons(error).includes('ConditionalCheckFailed');
