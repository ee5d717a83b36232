import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { HTTP_ROUTES } from '../../infra/routes';
import { resourcesOf, synthStack } from '../support/synth';

const { template } = synthStack();
const resources = resourcesOf(template);

/** Actions AWS offers only on "*" (no resource-level permissions). */
const WILDCARD_ONLY_ACTIONS = new Set([
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'dynamodb:ListStreams',
  // Step Functions logging (the rebuild state machine)
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
]);

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
    // the indexes of SPEC §7: respondent views by when they changed, a person's responses (keys only)
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

  it('drive the publisher from the outbox stream, retried until its records are 24 h old, and sweep open alert episodes every 5 minutes', () => {
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
    const actions = statements.flatMap((statement) => list(statement.Action).map((action) => ({ statement, action })));
    for (const { statement, action } of actions) {
      expect(action, statement.id).not.toMatch(/\*/);
      if (list(statement.Resource).includes('*')) expect(WILDCARD_ONLY_ACTIONS.has(action), `${statement.id}: ${action} on *`).toBe(true);
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
    // the projector reads term items and puts them back or deletes them; the publisher reads response streams
    expect(actionsOf(/^ProjectionsProjector/)).toEqual(expect.arrayContaining(['dynamodb:BatchGetItem', 'dynamodb:DeleteItem']));
    expect(actionsOf(/^ProjectionsRebuild/)).toContain('dynamodb:BatchGetItem');
    // the projector and the rebuild read the personal data (analyses, respondents); nothing else of it
    const onTable = (pattern: RegExp, table: string) =>
      [
        ...new Set(
          statements.filter((s) => pattern.test(s.id) && JSON.stringify(s.Resource).includes(table)).flatMap((s) => list(s.Action)),
        ),
      ].sort();
    expect(onTable(/^ProjectionsProjector/, 'TablesPersonalData')).toEqual(['dynamodb:BatchGetItem', 'dynamodb:DeleteItem']);
    expect(onTable(/^ProjectionsRebuild/, 'TablesPersonalData')).toEqual(['dynamodb:BatchGetItem', 'dynamodb:UpdateItem']);
    // the publisher reads the events it describes by key, and may not write them
    expect(onTable(/^PublishingPublisher/, 'TablesEvents')).toEqual(['dynamodb:BatchGetItem']);
    // indexes, each only to the function that queries it: the list of respondents (query API), a person's responses (ingest API)
    const indexesOf = (pattern: RegExp) =>
      JSON.stringify(statements.filter((s) => pattern.test(s.id)).map((s) => s.Resource)).match(/\/index\/[\w*]+/g) ?? [];
    expect(indexesOf(/^ApiQuery/)).toEqual(['/index/respondentsByUpdate']);
    expect(indexesOf(/^ApiIngest/)).toEqual(['/index/byRespondent']);
    expect(indexesOf(/^(?!Api(Query|Ingest))/)).toEqual([]);
    const putEvents = statements.filter((s) => list(s.Action).includes('events:PutEvents'));
    expect(putEvents.map((s) => s.id)).toEqual([expect.stringMatching(/^PublishingPublisher/)]);
    expect(JSON.stringify(putEvents[0]!.Resource)).toMatch(/EventsBus/);
  });
});
