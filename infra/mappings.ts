/**
 * Event source mapping settings of the stream-driven functions, defined once: the CDK
 * stack configures Lambda with them and the local stack's pollers behave the same way.
 */
export const STREAM_MAPPINGS = {
  projector: { batchSize: 1000, maxBatchingWindowSeconds: 1, retryAttempts: 10, maxRecordAgeHours: 24 },
  publisher: { batchSize: 100, maxBatchingWindowSeconds: 0, retryAttempts: 10, maxRecordAgeHours: 24 },
} as const;
