import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { stackConfig } from '../../infra/config';
import { HTTP_ROUTES } from '../../infra/routes';
import { synthStack } from '../support/synth';

const { template } = synthStack();
const resources = (type: string) => Object.entries(template.findResources(type)) as [string, any][];

/** Actions AWS offers only on "*" (no resource-level permissions). */
const WILDCARD_ONLY_ACTIONS = new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'dynamodb:ListStreams']);

describe('tables', () => {
  it('are on-demand, point-in-time recoverable, KMS-encrypted, retained and protected', () => {
    const tables = resources('AWS::DynamoDB::Table');
    expect(tables).toHaveLength(4);
    for (const [, table] of tables) {
      expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true });
      expect(table.Properties.DeletionProtectionEnabled).toBe(true);
      expect([table.DeletionPolicy, table.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    }
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'streamId', KeyType: 'HASH' },
        { AttributeName: 'version', KeyType: 'RANGE' },
      ],
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
    template.hasResourceProperties('AWS::DynamoDB::Table', { TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true } });
  });

  it('can be destroyed with the stack when configured so', () => {
    const destroyable = synthStack({ removalPolicy: 'destroy' }).template.findResources('AWS::DynamoDB::Table');
    for (const table of Object.values(destroyable) as any[]) expect(table.DeletionPolicy).toBe('Delete');
  });
});

describe('HTTP API', () => {
  it('has exactly the routes of infra/routes.ts, each authorized by IAM', () => {
    const routes = resources('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(Object.values(HTTP_ROUTES).flat().sort());
    for (const route of routes) expect(route.AuthorizationType, route.RouteKey).toBe('AWS_IAM');
  });

  it('logs access', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('routeKey') },
    });
  });
});

describe('functions', () => {
  it('run Node.js 22 on arm64 with tracing, each with its own role and log group', () => {
    const functions = resources('AWS::Lambda::Function');
    expect(functions.length).toBe(7);
    const roles = new Set<string>();
    for (const [id, fn] of functions) {
      expect(fn.Properties.Runtime, id).toBe('nodejs22.x');
      expect(fn.Properties.Architectures, id).toEqual(['arm64']);
      expect(fn.Properties.TracingConfig, id).toEqual({ Mode: 'Active' });
      expect(fn.Properties.LoggingConfig.LogGroup, id).toBeDefined();
      roles.add(JSON.stringify(fn.Properties.Role));
    }
    expect(roles.size).toBe(functions.length);
    for (const [, group] of resources('AWS::Logs::LogGroup')) expect(group.Properties.RetentionInDays).toBe(30);
  });

  it('drive the publisher from the outbox stream, and sweep open alert episodes every 5 minutes', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 100,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: false,
      MaximumRetryAttempts: 10,
      MaximumRecordAgeInSeconds: 86_400,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('TablesOutbox'), 'StreamArn'] },
    });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)' });
    const publisher = resources('AWS::Lambda::Function').find(([id]) => id.startsWith('PublishingPublisher'))![1];
    expect(publisher.Properties.Environment.Variables).toMatchObject({
      NPS_EVENT_SOURCE: 'nps.backend',
      NPS_ALERT_MIN_RESPONSES: '30',
      NPS_ALERT_MIN_LIFT: '0.1',
      NPS_ALERT_Z_THRESHOLD: '2.33',
    });
  });

  it('drive the projector from the event stream with bounded retries and an on-failure queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 1000,
      MaximumBatchingWindowInSeconds: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: false,
      MaximumRetryAttempts: 10,
      MaximumRecordAgeInSeconds: 86_400,
      ParallelizationFactor: 1,
      StartingPosition: 'TRIM_HORIZON',
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'] }) }] },
    });
  });
});

describe('least privilege', () => {
  const statements = resources('AWS::IAM::Policy').flatMap(([id, policy]) =>
    (policy.Properties.PolicyDocument.Statement as any[]).map((statement) => ({ id, ...statement })),
  );
  const list = (value: unknown) => (Array.isArray(value) ? value : [value]);

  it('grants no wildcard action, and "*" resources only for actions AWS offers on "*" alone', () => {
    expect(statements.length).toBeGreaterThan(10);
    for (const statement of statements) {
      for (const action of list(statement.Action)) expect(action, statement.id).not.toMatch(/\*/);
      if (list(statement.Resource).includes('*')) {
        for (const action of list(statement.Action))
          expect(WILDCARD_ONLY_ACTIONS.has(action), `${statement.id}: ${action} on *`).toBe(true);
      }
    }
    expect(resources('AWS::IAM::Role').every(([, role]) => !role.Properties.ManagedPolicyArns)).toBe(true);
  });

  it('keeps each function to the tables it uses', () => {
    const actionsOf = (pattern: RegExp) => statements.filter((s) => pattern.test(s.id)).flatMap((s) => list(s.Action)) as string[];
    const query = actionsOf(/^ApiQuery/);
    expect(query.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query']);
    const ingest = [...new Set(actionsOf(/^ApiIngest/).filter((a) => a.startsWith('dynamodb:')))].sort();
    expect(ingest).toEqual([
      'dynamodb:ConditionCheckItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    const ingestResources = JSON.stringify(statements.filter((s) => /^ApiIngest/.test(s.id)).map((s) => s.Resource));
    expect(ingestResources).not.toMatch(/TablesProjections/);
    const projector = JSON.stringify(statements.filter((s) => /^ProjectionsProjector/.test(s.id)).map((s) => s.Resource));
    expect(projector).not.toMatch(/TablesPersonalData/);
    const putEvents = statements.filter((s) => list(s.Action).includes('events:PutEvents'));
    expect(putEvents.map((s) => s.id)).toEqual([expect.stringMatching(/^PublishingPublisher/)]);
    expect(JSON.stringify(putEvents[0]!.Resource)).toMatch(/EventsBus/);
  });
});

describe('event bus', () => {
  it('archives published events for a bounded, configurable time', () => {
    template.hasResourceProperties('AWS::Events::Archive', { RetentionDays: 7, EventPattern: { source: ['nps.backend'] } });
    synthStack({ archiveRetentionDays: 3, eventSource: 'acme.nps' }).template.hasResourceProperties('AWS::Events::Archive', {
      RetentionDays: 3,
      EventPattern: { source: ['acme.nps'] },
    });
  });

  it('ingests NpsResponseSubmitted with a dead-letter queue, and routes the example consumers', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'detail-type': ['NpsResponseSubmitted'] },
      Targets: [Match.objectLike({ DeadLetterConfig: { Arn: Match.anyValue() }, RetryPolicy: Match.anyValue() })],
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'detail-type': ['DetractorShareSpiked', 'DetractorShareRecovered'] },
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('DetractorAlerts') } })],
    });
    template.hasResourceProperties('AWS::Events::Rule', { EventPattern: { 'detail-type': ['DetractorResponseReceived'] } });
    for (const [, queue] of resources('AWS::SQS::Queue')) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
  });
});

describe('alarms and dashboard', () => {
  it('alarm on errors, throttles, stream lag, failure queues and API 5xx', () => {
    const alarms = resources('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const metric = (name: string) => alarms.filter((a) => a.MetricName === name).length;
    expect(metric('Errors')).toBe(7);
    expect(metric('Throttles')).toBe(7);
    expect(metric('IteratorAge')).toBe(2);
    expect(metric('ApproximateNumberOfMessagesVisible')).toBe(3);
    expect(metric('5xx')).toBe(1);
    for (const alarm of alarms) expect(alarm.AlarmActions, alarm.MetricName).toHaveLength(1);
    expect(resources('AWS::CloudWatch::Dashboard')).toHaveLength(1);
  });
});

describe('configuration', () => {
  it('has the SPEC defaults and refuses invalid values with the key', () => {
    expect(stackConfig({})).toMatchObject({
      eventSource: 'nps.backend',
      alertMinResponses: 30,
      alertMinLift: 0.1,
      alertZThreshold: 2.33,
      removalPolicy: 'retain',
    });
    expect(stackConfig({ alertMinResponses: '50' }).alertMinResponses).toBe(50);
    expect(() => stackConfig({ segmentCombinations: 'plan' })).toThrow(/segmentCombinations/);
    expect(() => stackConfig({ logRetentionDays: 10 })).toThrow(/logRetentionDays/);
    expect(() => stackConfig({ removalPolicy: 'keep' })).toThrow(/removalPolicy/);
    expect(() => stackConfig({ unknownKey: 1 })).toThrow(/unknownKey|Unrecognized/i);
  });

  it('passes segment combinations to the projector and the query API', () => {
    const { template: combined } = synthStack({ segmentCombinations: 'plan+region' });
    const withCombos = Object.values(combined.findResources('AWS::Lambda::Function')).filter(
      (f: any) => f.Properties.Environment.Variables.NPS_SEGMENT_COMBINATIONS === 'plan+region',
    );
    expect(withCombos.length).toBe(3);
    const thresholds = synthStack({ alertMinResponses: '50', alertZThreshold: '3' }).template.findResources('AWS::Lambda::Function');
    expect(
      Object.values(thresholds).filter(
        (f: any) =>
          f.Properties.Environment.Variables.NPS_ALERT_MIN_RESPONSES === '50' &&
          f.Properties.Environment.Variables.NPS_ALERT_Z_THRESHOLD === '3',
      ),
    ).toHaveLength(2);
  });
});
