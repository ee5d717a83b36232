/** SDK error names that mean "unavailable or throttling right now", whatever the service. */
const TRANSIENT = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'InternalException',
  'ServiceUnavailable',
  'TransactionInProgressException',
  'LimitExceededException',
  'TimeoutError',
  'RequestTimeout',
]);

/**
 * True when an AWS SDK error means "the service is unavailable right now" (network,
 * timeout, throttling, 5xx): worth retrying later. False for refusals that retrying does
 * not cure (access denied, validation, a missing resource) and for errors that are not
 * the SDK's at all (bugs).
 *
 * @example
 * isTransientAwsError(Object.assign(new Error('x'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 }
 * })); // false
 */
export const isTransientAwsError = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  if (TRANSIENT.has(error.name)) return true;
  // Only SDK errors carry $metadata; a network error has no HTTP status at all.
  if (!('$metadata' in error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status === undefined || status >= 500;
};
