import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { countMetric, type Observability, observedHandler } from '../shared/observability';
import { outboxEntrySchema } from '../shared/outbox';
import { OUT_OF_TIME, type OutboxRecord, type PublisherDependencies, publishBatch } from './publish-batch';

export interface PublisherHandlerDependencies extends PublisherDependencies, Observability {}

/**
 * The publisher Lambda, driven by the outbox table's stream with
 * `ReportBatchItemFailures`: it answers the first record whose events are not all out.
 */
export const createPublisherHandler = ({ logger, metrics, outer, ...deps }: PublisherHandlerDependencies) =>
  observedHandler<DynamoDBStreamEvent, DynamoDBBatchResponse>({ logger, metrics, outer }).handler(
    async (event, context) => {
      const budgetMs = context.getRemainingTimeInMillis();
      const records: OutboxRecord[] = event.Records.filter((record) => record.eventName === 'INSERT').map((record) => ({
        sequenceNumber: record.dynamodb!.SequenceNumber!,
        entry: outboxEntrySchema.parse(unmarshall(record.dynamodb!.NewImage as Record<string, AttributeValue>)),
      }));
      const result = await publishBatch(records, {
        ...deps,
        keepGoing: () => context.getRemainingTimeInMillis() > budgetMs / 2,
        onAllSegmentNps: (nps) => {
          if (nps !== null) metrics?.addMetric('Nps30d', MetricUnit.NoUnit, nps);
        },
      });
      countMetric({ metrics }, 'EventsPublished', result.published);
      countMetric({ metrics }, 'DetractorShareSpiked', result.alerts.spiked.length);
      if (result.alerts.spiked.length) logger.info('detractor share spiked', { segments: result.alerts.spiked });
      if (result.failedAt) {
        // half the time used: the rest comes in the next invocation
        const level = result.error === OUT_OF_TIME ? 'info' : 'warn';
        logger[level]('publishing stopped; the rest of the batch is retried', {
          failedAt: result.failedAt,
          error: result.error as Error,
        });
        return { batchItemFailures: [{ itemIdentifier: result.failedAt }] };
      }
      return { batchItemFailures: [] };
    },
  );
