/**
 * The DynamoDB toolkit every adapter uses: one client factory, one reading of failures,
 * one retry policy for contention, one batch reader/writer, the SDK's paginators.
 */

export { batchGetAll, batchWriteAll, type WriteRequest } from './batch';
export { createDocumentClient, type DynamoDbOptions } from './client';
export { cancellationReasons, guardDependency, isConditionFailure, isUnavailable } from './failures';
export { queryAll, scanPages } from './paginate';
export { type TransactItem, type WriteOutcome, writeAtomically } from './transact';
