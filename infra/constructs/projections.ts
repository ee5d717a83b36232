import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { COMBINATIONS_ENV } from '../../functions/shared/config';
import { STREAM_MAPPINGS } from '../mappings';
import { NpsFunction } from './nps-function';
import { secureQueue } from './queues';
import type { NpsTables } from './tables';

export interface ProjectionsProps {
  tables: NpsTables;
  segmentCombinations: string;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
}

const MAPPING = STREAM_MAPPINGS.projector;

/**
 * The projector on the event store's stream (exactly-once via its markers; retries from
 * the first failed chunk; bisection off, which its exactly-once design relies on;
 * batches given up after bounded retries land in an SQS on-failure queue) and the
 * rebuild function.
 */
export class Projections extends Construct {
  readonly projector: NpsFunction;
  readonly rebuild: NpsFunction;
  readonly failures: Queue;

  constructor(scope: Construct, id: string, { tables, segmentCombinations, logRetention, removalPolicy }: ProjectionsProps) {
    super(scope, id);
    const environment = { ...tables.environment, [COMBINATIONS_ENV]: segmentCombinations };
    this.projector = new NpsFunction(this, 'Projector', {
      name: 'projector',
      environment,
      logRetention,
      removalPolicy,
      memorySize: 1024,
      timeout: Duration.minutes(2),
    });
    this.failures = secureQueue(this, 'ProjectorFailures', removalPolicy);
    Validations.of(this.failures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is the on-failure destination of the projector mapping: it is itself a dead-letter queue and has an alarm on its depth.',
    });
    this.projector.fn.addEventSource(
      new DynamoEventSource(tables.events, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: MAPPING.batchSize,
        maxBatchingWindow: Duration.seconds(MAPPING.maxBatchingWindowSeconds),
        retryAttempts: MAPPING.retryAttempts,
        maxRecordAge: Duration.hours(MAPPING.maxRecordAgeHours),
        bisectBatchOnError: false,
        reportBatchItemFailures: true,
        parallelizationFactor: 1,
        onFailure: new SqsDlq(this.failures),
        filters: [FilterCriteria.filter({ eventName: FilterRule.isEqual('INSERT') })],
      }),
    );
    tables.events.grant(this.projector, 'dynamodb:Query');
    tables.projections.grant(
      this.projector,
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:ConditionCheckItem',
    );

    this.rebuild = new NpsFunction(this, 'Rebuild', {
      name: 'rebuild',
      environment,
      logRetention,
      removalPolicy,
      memorySize: 3008,
      timeout: Duration.minutes(15),
    });
    tables.events.grant(this.rebuild, 'dynamodb:Scan', 'dynamodb:Query');
    tables.projections.grant(
      this.rebuild,
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:Scan',
      'dynamodb:BatchWriteItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:ConditionCheckItem',
    );
  }
}
