import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { COMBINATIONS_ENV } from '../../functions/shared/config';
import { STREAM_MAPPINGS } from '../mappings';
import { NpsFunction } from './nps-function';
import { mapStream } from './stream-mapping';
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

  constructor(
    scope: Construct,
    id: string,
    { tables, segmentCombinations, logRetention, removalPolicy }: ProjectionsProps,
  ) {
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
    this.failures = mapStream(this, {
      fn: this.projector,
      table: tables.events,
      mapping: MAPPING,
      name: 'Projector',
      removalPolicy,
    });
    tables.events.grant(this.projector, 'dynamodb:Query');
    // comments' analyses and respondents are read from the personal data; an erasure's remnant is deleted once
    // projected
    tables.grantOn(tables.personalData, this.projector, ['dynamodb:BatchGetItem', 'dynamodb:DeleteItem']);
    // term items are read (BatchGetItem), then put back or deleted in the group's transaction
    tables.grantOn(tables.projections, this.projector, [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:ConditionCheckItem',
    ]);

    this.rebuild = new NpsFunction(this, 'Rebuild', {
      name: 'rebuild',
      environment,
      logRetention,
      removalPolicy,
      memorySize: 3008,
      timeout: Duration.minutes(15),
    });
    tables.events.grant(this.rebuild, 'dynamodb:Scan', 'dynamodb:Query');
    // the re-analysis reads every comment and stores its new analysis; respondents are read too
    tables.grantOn(tables.personalData, this.rebuild, ['dynamodb:BatchGetItem', 'dynamodb:UpdateItem']);
    tables.grantOn(tables.projections, this.rebuild, [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:Scan',
      'dynamodb:BatchWriteItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:ConditionCheckItem',
    ]);
  }
}
