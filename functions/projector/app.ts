import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { parseStoredEvent } from '../../domain/events';
import { EVENTS_TABLE } from '../../infra/tables';
import { type ProjectableRecord, type ProjectorDependencies, projectBatch } from '../projection-engine/project-batch';
import { countMetric, type Observability, observedHandler } from '../shared/observability';

/** Decodes an event-store stream record (NEW_IMAGE) into a validated stored event. */
export const decodeRecord = (record: DynamoDBRecord): ProjectableRecord => {
  const image = unmarshall(record.dynamodb!.NewImage as Record<string, AttributeValue>);
  const event = parseStoredEvent({
    ...image,
    responseId: image[EVENTS_TABLE.partitionKey.name],
    version: image[EVENTS_TABLE.sortKey.name],
  });
  return { eventId: record.eventID!, sequenceNumber: record.dynamodb!.SequenceNumber!, event };
};

/**
 * Decodes the leading records that decode; a record that does not (a corrupt event) ends
 * the run and is reported as failed, so it is retried and, after the mapping's retries,
 * sent to the on-failure destination instead of being silently skipped.
 */
const decodePrefix = (
  records: DynamoDBRecord[],
): { decoded: ProjectableRecord[]; corrupt?: { record: DynamoDBRecord; error: unknown } } => {
  const decoded: ProjectableRecord[] = [];
  for (const record of records) {
    if (record.eventName !== 'INSERT') continue; // events are never modified; nothing else is projected
    try {
      decoded.push(decodeRecord(record));
    } catch (error) {
      return { decoded, corrupt: { record, error } };
    }
  }
  return { decoded };
};

export interface ProjectorHandlerDependencies extends ProjectorDependencies, Observability {}

/**
 * The projector Lambda: driven by the event store's DynamoDB Stream with
 * `ReportBatchItemFailures`, it answers the first record to retry from, if any.
 */
export const createProjectorHandler = ({ logger, metrics, outer, ...deps }: ProjectorHandlerDependencies) =>
  observedHandler<DynamoDBStreamEvent, DynamoDBBatchResponse>({ logger, metrics, outer }).handler(async (event) => {
    const { decoded, corrupt } = decodePrefix(event.Records);
    const result = await projectBatch(decoded, deps);
    countMetric({ metrics }, 'EventsProjected', result.applied);
    countMetric({ metrics }, 'ProjectionTransactions', result.groups);
    if (result.failedAt) {
      logger.warn('projection stopped; the rest of the batch is retried', {
        failedAt: result.failedAt,
        error: result.error as Error,
        applied: result.applied,
      });
      return { batchItemFailures: [{ itemIdentifier: result.failedAt }] };
    }
    if (corrupt) {
      logger.error('corrupt event in the stream', { error: corrupt.error as Error, eventID: corrupt.record.eventID });
      return { batchItemFailures: [{ itemIdentifier: corrupt.record.dynamodb!.SequenceNumber! }] };
    }
    logger.debug('batch projected', {
      records: event.Records.length,
      applied: result.applied,
      skipped: result.skipped,
      groups: result.groups,
    });
    return { batchItemFailures: [] };
  });
