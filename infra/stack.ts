import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { DYNAMODB_TIMEOUT_ENV } from '../functions/shared/config';
import type { StackConfig } from './config';
import { Api } from './constructs/api';
import { Bus } from './constructs/bus';
import { NpsFunction } from './constructs/nps-function';
import { Observability } from './constructs/observability';
import { Projections } from './constructs/projections';
import { Publishing } from './constructs/publishing';
import { RebuildMachine } from './constructs/rebuild-machine';
import { NpsTables } from './constructs/tables';

export interface NpsBackendStackProps extends StackProps {
  config: StackConfig;
}

/**
 * The whole NPS backend on AWS: tables, HTTP API, projector and rebuild, event bus with
 * its rules, alarms and dashboard.
 */
export class NpsBackendStack extends Stack {
  readonly tables: NpsTables;
  readonly api: Api;
  readonly projections: Projections;
  readonly bus: Bus;
  readonly publishing: Publishing;
  readonly observability: Observability;
  readonly rebuildMachine: RebuildMachine;

  constructor(scope: Construct, id: string, { config, ...props }: NpsBackendStackProps) {
    super(scope, id, props);
    const removalPolicy = config.removalPolicy === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logRetention = config.logRetentionDays as RetentionDays;
    const common = { logRetention, removalPolicy };

    this.tables = new NpsTables(this, 'Tables', { removalPolicy });
    this.api = new Api(this, 'Api', {
      tables: this.tables,
      segmentCombinations: config.segmentCombinations,
      riskThreshold: config.riskThreshold,
      ...common,
    });
    this.projections = new Projections(this, 'Projections', {
      tables: this.tables,
      segmentCombinations: config.segmentCombinations,
      ...common,
    });
    this.bus = new Bus(this, 'Events', {
      tables: this.tables,
      eventSource: config.eventSource,
      archiveRetentionDays: config.archiveRetentionDays,
      ...common,
    });
    this.publishing = new Publishing(this, 'Publishing', {
      tables: this.tables,
      bus: this.bus.bus,
      eventSource: config.eventSource,
      thresholds: {
        minResponses: config.alertMinResponses,
        minLift: config.alertMinLift,
        zThreshold: config.alertZThreshold,
      },
      riskThreshold: config.riskThreshold,
      ...common,
    });
    this.tables.outbox.grant(this.projections.projector, 'dynamodb:PutItem');
    this.observability = new Observability(this, 'Observability', {
      functions: {
        IngestApi: this.api.functions.ingestApi,
        QueryApi: this.api.functions.queryApi,
        IngestEvents: this.bus.ingest,
        Projector: this.projections.projector,
        Rebuild: this.projections.rebuild,
        Publisher: this.publishing.publisher,
        AlertSweeper: this.publishing.sweeper,
      },
      streamFunctions: { Projector: this.projections.projector, Publisher: this.publishing.publisher },
      failureQueues: {
        ProjectorFailures: this.projections.failures,
        PublisherFailures: this.publishing.failures,
        InboundDeadLetters: this.bus.inboundDeadLetters,
      },
      httpApi: this.api.httpApi,
      key: this.bus.key,
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
    });

    // every function calls DynamoDB within the same time budget (HTTP answers 503 past it)
    for (const construct of this.node.findAll()) {
      if (construct instanceof NpsFunction)
        construct.fn.addEnvironment(DYNAMODB_TIMEOUT_ENV, String(config.dynamoDbTimeoutMs));
    }

    new CfnOutput(this, 'ApiUrl', {
      value: this.api.httpApi.apiEndpoint,
      description: 'Base URL of the HTTP API (IAM/SigV4 auth)',
    });
    new CfnOutput(this, 'EventBusName', {
      value: this.bus.bus.eventBusName,
      description: 'Put NpsResponseSubmitted here; subscribe rules here',
    });
    this.rebuildMachine = new RebuildMachine(this, 'Rebuild', {
      rebuild: this.projections.rebuild,
      segments: config.rebuildSegments,
      ...common,
    });
    new CfnOutput(this, 'RebuildStateMachineArn', {
      value: this.rebuildMachine.stateMachine.stateMachineArn,
      description: 'aws stepfunctions start-execution --state-machine-arn <this>: rebuild the projections at any scale',
    });
    new CfnOutput(this, 'RebuildFunctionName', {
      value: this.projections.rebuild.fn.functionName,
      description: 'Invoke to rebuild the projections',
    });
    new CfnOutput(this, 'CloseTheLoopQueueUrl', { value: this.bus.closeTheLoop.queueUrl });
    new CfnOutput(this, 'ReferralQueueUrl', { value: this.bus.referrals.queueUrl });
    new CfnOutput(this, 'AlertsTopicArn', { value: this.bus.alertsTopic.topicArn });
  }
}
