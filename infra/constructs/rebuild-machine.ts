import { Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  JsonPath,
  LogLevel,
  Map as MapState,
  StateMachine,
  Succeed,
  TaskInput,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { STEP_RETRY } from '../../functions/shared/retry';
import type { NpsFunction } from './nps-function';

export interface RebuildMachineProps {
  /** The rebuild function: its `start`, `segment` and `finish` actions are the machine's steps. */
  rebuild: NpsFunction;
  /** Segments of the parallel scan, each worked through by its own worker (context `rebuildSegments`). */
  segments: number;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
}

/** Errors a step retries: Lambda's own, throttling, and a worker that failed (it resumes from its checkpoint). */
const RETRIED = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'States.TaskFailed',
  'States.Timeout',
];

/**
 * The rebuild at any scale (docs/projections.md), one state machine: `Start` announces the new
 * generation and answers one task per segment; a Map state runs a worker per segment
 * (`maxConcurrency` = segments), each invoked again until its segment is done (a worker
 * stops short of the Lambda timeout and resumes from its checkpoint; a failed or
 * timed-out invocation is retried, and resumes the same way); `Finish` applies the
 * journal and switches readers once every worker is done. Progress: the execution history
 * (each worker invocation's output) and the `RebuildResponsesFolded` metric.
 */
export class RebuildMachine extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, { rebuild, segments, logRetention, removalPolicy }: RebuildMachineProps) {
    super(scope, id);
    const invoke = (name: string, payload: Record<string, unknown>, resultPath: string) =>
      new LambdaInvoke(this, name, {
        lambdaFunction: rebuild.fn,
        payload: TaskInput.fromObject(payload),
        payloadResponseOnly: true,
        resultPath,
        retryOnServiceExceptions: false,
      }).addRetry({
        errors: RETRIED,
        interval: Duration.millis(STEP_RETRY.baseDelayMs),
        backoffRate: 2,
        maxAttempts: STEP_RETRY.attempts,
        maxDelay: Duration.millis(STEP_RETRY.maxDelayMs),
      });

    const start = invoke('Start', { action: 'start', segments }, '$.rebuild');
    const work = invoke('Work', { action: 'segment', 'task.$': '$.task' }, '$.progress');
    const worker = work.next(
      new Choice(this, 'SegmentDone?')
        .when(Condition.booleanEquals('$.progress.done', true), new Succeed(this, 'SegmentDone'))
        .otherwise(work),
    );
    const workers = new MapState(this, 'Workers', {
      itemsPath: '$.rebuild.tasks',
      itemSelector: { 'task.$': '$$.Map.Item.Value' },
      maxConcurrency: segments,
      resultPath: JsonPath.DISCARD,
    }).itemProcessor(worker);
    const finish = invoke('Finish', { action: 'finish', 'started.$': '$.rebuild.started' }, '$.result');

    const logs = new LogGroup(this, 'Logs', { retention: logRetention, removalPolicy });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      definitionBody: DefinitionBody.fromChainable(start.next(workers).next(finish)),
      timeout: Duration.hours(24),
      tracingEnabled: true,
      logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: false },
    });
    Validations.of(this.stateMachine).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only actions AWS offers on "*" alone: the log delivery actions Step Functions logging needs ' +
        '(logs:*LogDelivery*, ' +
        'logs:PutResourcePolicy, logs:DescribeResourcePolicies, logs:DescribeLogGroups) and X-Ray tracing. ' +
        'test/infra/least-privilege.test.ts fails on any other.',
    });
    const rebuildFunction = Stack.of(this).getLogicalId(rebuild.fn.node.defaultChild as CfnFunction);
    Validations.of(this.stateMachine).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${rebuildFunction}.Arn>:*]`,
      reason:
        'lambda:InvokeFunction on the rebuild function and its versions (`:*`, how CDK grants a Lambda task): that ' +
        'one function only.',
    });
  }
}
