import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SnsTopic, SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { INBOUND_DETAIL_TYPE } from '../../functions/ingest-events/app';
import { NpsFunction } from './nps-function';
import { secureQueue } from './queues';
import type { NpsTables } from './tables';

export interface BusProps {
  tables: NpsTables;
  eventSource: string;
  archiveRetentionDays: number;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
}

/**
 * The EventBridge side: the backend's bus with a bounded archive (published events may
 * carry personal data), the inbound rule that ingests `NpsResponseSubmitted` (refused
 * events and exhausted retries go to one dead-letter queue, with the reason), and two
 * example consumer rules — detractor-share alerts to an SNS topic, close-the-loop
 * detractors to an SQS queue.
 */
export class Bus extends Construct {
  readonly bus: EventBus;
  readonly ingest: NpsFunction;
  readonly inboundDeadLetters: Queue;
  readonly alertsTopic: Topic;
  readonly closeTheLoop: Queue;
  readonly referrals: Queue;
  readonly key: Key;

  constructor(
    scope: Construct,
    id: string,
    { tables, eventSource, archiveRetentionDays, logRetention, removalPolicy }: BusProps,
  ) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { description: 'NPS backend: inbound responses, published NPS events' });
    this.bus.archive('Archive', {
      description: `Published events, ${archiveRetentionDays} days (may hold comments: kept short for erasure)`,
      eventPattern: { source: [eventSource] },
      retention: Duration.days(archiveRetentionDays),
    });

    this.inboundDeadLetters = secureQueue(this, 'InboundDeadLetters', removalPolicy);
    Validations.of(this.inboundDeadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter queue of the inbound path; its depth is alarmed.',
    });
    this.ingest = new NpsFunction(this, 'IngestEvents', {
      name: 'ingest-events',
      logRetention,
      removalPolicy,
      environment: { ...tables.environment, INBOUND_DEAD_LETTER_QUEUE_URL: this.inboundDeadLetters.queueUrl },
    });
    tables.events.grant(this.ingest, 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem');
    tables.grantOn(tables.personalData, this.ingest, ['dynamodb:GetItem', 'dynamodb:PutItem']);
    this.inboundDeadLetters.grantSendMessages(this.ingest);
    this.ingest.fn.configureAsyncInvoke({
      onFailure: new SqsDestination(this.inboundDeadLetters),
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
    });
    new Rule(this, 'InboundResponses', {
      eventBus: this.bus,
      description: `Ingest ${INBOUND_DETAIL_TYPE} like POST /v1/responses`,
      eventPattern: { detailType: [INBOUND_DETAIL_TYPE] },
      targets: [
        new LambdaFunction(this.ingest.fn, {
          deadLetterQueue: this.inboundDeadLetters,
          retryAttempts: 8,
          maxEventAge: Duration.hours(2),
        }),
      ],
    });

    this.key = new Key(this, 'NotificationsKey', {
      enableKeyRotation: true,
      description: 'NPS backend topics (alerts, alarms)',
      removalPolicy,
    });
    for (const service of ['events.amazonaws.com', 'cloudwatch.amazonaws.com']) {
      this.key.addToResourcePolicy(
        new PolicyStatement({
          principals: [new ServicePrincipal(service)],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
        }),
      );
    }
    this.alertsTopic = new Topic(this, 'DetractorAlerts', {
      masterKey: this.key,
      enforceSSL: true,
      displayName: 'NPS detractor-share alerts',
    });
    new Rule(this, 'DetractorShareAlerts', {
      eventBus: this.bus,
      description: 'Example consumer: detractor-share spikes and recoveries to SNS',
      eventPattern: { source: [eventSource], detailType: ['DetractorShareSpiked', 'DetractorShareRecovered'] },
      targets: [new SnsTopic(this.alertsTopic)],
    });
    const closeTheLoopFailures = secureQueue(this, 'CloseTheLoopDeadLetters', removalPolicy);
    Validations.of(closeTheLoopFailures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter queue of the close-the-loop queue.',
    });
    this.closeTheLoop = secureQueue(this, 'CloseTheLoop', removalPolicy, closeTheLoopFailures);
    new Rule(this, 'CloseTheLoopDetractors', {
      eventBus: this.bus,
      description: 'Example consumer: every detractor to the close-the-loop team queue',
      eventPattern: { source: [eventSource], detailType: ['DetractorResponseReceived'] },
      targets: [new SqsQueue(this.closeTheLoop)],
    });
    const referralFailures = secureQueue(this, 'ReferralDeadLetters', removalPolicy);
    Validations.of(referralFailures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter queue of the referral queue.',
    });
    this.referrals = secureQueue(this, 'Referrals', removalPolicy, referralFailures);
    new Rule(this, 'ReferralPromoters', {
      eventBus: this.bus,
      description:
        'Example consumer: every promoter to a referral tool (never to decide who is asked for public reviews)',
      eventPattern: { source: [eventSource], detailType: ['PromoterResponseReceived'] },
      targets: [new SqsQueue(this.referrals)],
    });
  }
}
