/** A dependency (DynamoDB, EventBridge) is unavailable or throttling: retry later (HTTP 503). */
export class DependencyUnavailableError extends Error {
  override name = 'DependencyUnavailableError';
}
