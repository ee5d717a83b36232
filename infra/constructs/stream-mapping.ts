import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { STREAM_MAPPINGS } from '../mappings';
import type { NpsFunction } from './nps-function';
import { secureQueue } from './queues';

/**
 * A function on a table's stream as every stream consumer of the backend is mapped: new
 * items only, the mapping's batch size and window, retries from the first failed record
 * (`ReportBatchItemFailures`; bisection off, which exactly-once relies on), and batches
 * given up (after the mapping's retries, or once 24 h old) landing in an SQS on-failure queue
 * (returned, for its alarm).
 *
 * @example
 * this.failures = mapStream(this, { fn: this.projector, table: tables.events, mapping: STREAM_MAPPINGS.projector, name:
 * 'Projector', removalPolicy });
 */
export const mapStream = (
  scope: Construct,
  {
    fn,
    table,
    mapping,
    name,
    removalPolicy,
  }: {
    fn: NpsFunction;
    table: ITable;
    mapping: (typeof STREAM_MAPPINGS)[keyof typeof STREAM_MAPPINGS];
    name: string;
    removalPolicy: RemovalPolicy;
  },
): Queue => {
  const failures = secureQueue(scope, `${name}Failures`, removalPolicy);
  Validations.of(failures).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      `This queue is the on-failure destination of the ${name.toLowerCase()} mapping: it is itself a ` +
      `dead-letter queue and has an alarm on its depth.`,
  });
  fn.fn.addEventSource(
    new DynamoEventSource(table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: mapping.batchSize,
      ...(mapping.maxBatchingWindowSeconds
        ? { maxBatchingWindow: Duration.seconds(mapping.maxBatchingWindowSeconds) }
        : {}),
      retryAttempts: mapping.retryAttempts,
      maxRecordAge: Duration.hours(mapping.maxRecordAgeHours),
      bisectBatchOnError: false,
      reportBatchItemFailures: true,
      parallelizationFactor: 1,
      onFailure: new SqsDlq(failures),
      filters: [FilterCriteria.filter({ eventName: FilterRule.isEqual('INSERT') })],
    }),
  );
  return failures;
};
