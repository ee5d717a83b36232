import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { HTTP_ROUTES } from '../../infra/routes';
import { resourcesOf, synthStack } from '../support/synth';

const { template } = synthStack();
const resources = resourcesOf(template);

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
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    // the indexes of docs/respondents.md: respondent views by when they changed, a person's responses (keys only)
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: [
        {
          IndexName: 'respondentsByUpdate',
          KeySchema: [
            { AttributeName: 'lpk', KeyType: 'HASH' },
            { AttributeName: 'lsk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byRespondent',
          KeySchema: [{ AttributeName: 'respondentId', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    });
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

  it(
    'drive the publisher from the outbox stream, retried until its records are 24 h old, and sweep open alert ' +
      'episodes every 5 minutes',
    () => {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        BatchSize: 100,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BisectBatchOnFunctionError: false,
        MaximumRetryAttempts: -1,
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
    },
  );

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
