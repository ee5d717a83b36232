/**
 * Event source mapping settings of the stream-driven functions, defined once: the CDK
 * stack configures Lambda with them and the local stack's pollers behave the same way.
 */
export const STREAM_MAPPINGS = {
  projector: { batchSize: 1000, maxBatchingWindowSeconds: 1, retryAttempts: 10, maxRecordAgeHours: 24 },
  // -1: retried until its records are 24 h old, never given up after a count of attempts: nothing
  // publishes a given-up batch again (a given-up projector batch is recounted by a rebuild), and whether
  // AWS counts the publisher's half-time stops (partial responses that move on) as attempts is not documented.
  publisher: { batchSize: 100, maxBatchingWindowSeconds: 0, retryAttempts: -1, maxRecordAgeHours: 24 },
} as const;
