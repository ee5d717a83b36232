/**
 * AWS list prices used by the cost estimate (us-east-1, on-demand, as published in 2026;
 * check https://aws.amazon.com/pricing before relying on them).
 */
export const PRICES_USD = {
  httpApiPerMillionRequests: 1.0,
  lambdaPerMillionRequests: 0.2,
  lambdaArmPerGbSecond: 0.0000133334,
  dynamoDbPerMillionWriteUnits: 0.625,
  dynamoDbPerMillionReadUnits: 0.125,
  eventBridgePerMillionEvents: 1.0,
} as const;

/** What one accepted response costs, measured on the local stack (per response). */
export interface MeasuredPerResponse {
  /** Writes outside transactions (1 write unit each, items ≤ 1 KB). */
  plainWrites: number;
  /** Items written inside transactions (2 write units each). */
  transactionalWrites: number;
  /** Items read (counted as 1 read unit each: strongly consistent, ≤ 4 KB). */
  itemsRead: number;
  /** Events published to EventBridge. */
  eventsPublished: number;
  /** Lambda invocations and GB-seconds per function. */
  lambda: { invocations: number; gbSeconds: number };
}

/**
 * US dollars per million accepted responses: one HTTP API request each, the Lambda
 * invocations and compute, DynamoDB write and read units, EventBridge events. Storage,
 * CloudWatch and data transfer are left out.
 */
export const costPerMillion = (measured: MeasuredPerResponse) => {
  const million = 1_000_000;
  const parts = {
    apiGateway: PRICES_USD.httpApiPerMillionRequests,
    lambdaRequests: measured.lambda.invocations * PRICES_USD.lambdaPerMillionRequests,
    lambdaCompute: measured.lambda.gbSeconds * million * PRICES_USD.lambdaArmPerGbSecond,
    dynamoDbWrites: (measured.plainWrites + 2 * measured.transactionalWrites) * PRICES_USD.dynamoDbPerMillionWriteUnits,
    dynamoDbReads: measured.itemsRead * PRICES_USD.dynamoDbPerMillionReadUnits,
    eventBridge: measured.eventsPublished * PRICES_USD.eventBridgePerMillionEvents,
  };
  return { ...parts, total: Object.values(parts).reduce((a, b) => a + b, 0) };
};
