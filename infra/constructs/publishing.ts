import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { type EventBus, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { SpikeThresholds } from '../../domain/spike';
import { RISK_THRESHOLD_ENV, thresholdEnvironment } from '../../functions/shared/config';
import { STREAM_MAPPINGS } from '../mappings';
import { NpsFunction } from './nps-function';
import { mapStream } from './stream-mapping';
import type { NpsTables } from './tables';

export interface PublishingProps {
  tables: NpsTables;
  bus: EventBus;
  eventSource: string;
  thresholds: SpikeThresholds;
  /** `riskThreshold` of `RespondentAtRisk` (docs/respondents.md). */
  riskThreshold: number;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
}

const MAPPING = STREAM_MAPPINGS.publisher;

/**
 * The publisher on the outbox's stream (alerts follow within seconds: no batching
 * window) and the alert sweeper, which re-evaluates open episodes every 5 minutes.
 */
export class Publishing extends Construct {
  readonly publisher: NpsFunction;
  readonly sweeper: NpsFunction;
  readonly failures: Queue;

  constructor(
    scope: Construct,
    id: string,
    { tables, bus, eventSource, thresholds, riskThreshold, logRetention, removalPolicy }: PublishingProps,
  ) {
    super(scope, id);
    const environment = {
      ...tables.environment,
      EVENT_BUS_NAME: bus.eventBusName,
      NPS_EVENT_SOURCE: eventSource,
      ...thresholdEnvironment(thresholds),
      [RISK_THRESHOLD_ENV]: String(riskThreshold),
    };
    this.publisher = new NpsFunction(this, 'Publisher', {
      name: 'publisher',
      environment,
      logRetention,
      removalPolicy,
      memorySize: 1024,
      timeout: Duration.minutes(2),
    });
    this.failures = mapStream(this, {
      fn: this.publisher,
      table: tables.outbox,
      mapping: MAPPING,
      name: 'Publisher',
      removalPolicy,
    });
    bus.grantPutEventsTo(this.publisher);
    // a response event describes the response as its version left it: its events are read by key (BatchGetItem)
    tables.events.grant(this.publisher, 'dynamodb:BatchGetItem');
    tables.grantOn(tables.personalData, this.publisher, ['dynamodb:BatchGetItem']);
    tables.grantOn(tables.projections, this.publisher, [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:ConditionCheckItem',
    ]);
    tables.outbox.grant(this.publisher, 'dynamodb:PutItem');

    this.sweeper = new NpsFunction(this, 'AlertSweeper', {
      name: 'alert-sweeper',
      environment,
      logRetention,
      removalPolicy,
      timeout: Duration.minutes(2),
    });
    tables.grantOn(tables.projections, this.sweeper, [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:ConditionCheckItem',
    ]);
    tables.outbox.grant(this.sweeper, 'dynamodb:PutItem');
    new Rule(this, 'SweepOpenEpisodes', {
      description: 'Re-evaluate open detractor-share episodes (an empty window recovers them)',
      schedule: Schedule.rate(Duration.minutes(5)),
      targets: [new LambdaFunction(this.sweeper.fn, { retryAttempts: 2 })],
    });
  }
}
