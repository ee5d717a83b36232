import { describe, expect, it } from 'vitest';
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
      if (list(statement.Resource).includes('*'))
        expect(WILDCARD_ONLY_ACTIONS.has(action), `${statement.id}: ${action} on *`).toBe(true);
    }
    expect(resources('AWS::IAM::Role').every(([, role]) => !role.Properties.ManagedPolicyArns)).toBe(true);
  });

  it('keeps each function to the tables it uses', () => {
    const actionsOf = (pattern: RegExp) =>
      statements.filter((s) => pattern.test(s.id)).flatMap((s) => list(s.Action)) as string[];
    const query = actionsOf(/^ApiQuery/);
    expect(query.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
    ]);
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
    expect(actionsOf(/^ProjectionsProjector/)).toEqual(
      expect.arrayContaining(['dynamodb:BatchGetItem', 'dynamodb:DeleteItem']),
    );
    expect(actionsOf(/^ProjectionsRebuild/)).toContain('dynamodb:BatchGetItem');
    // the projector and the rebuild read the personal data (analyses, respondents); nothing else of it
    const onTable = (pattern: RegExp, table: string) =>
      [
        ...new Set(
          statements
            .filter((s) => pattern.test(s.id) && JSON.stringify(s.Resource).includes(table))
            .flatMap((s) => list(s.Action)),
        ),
      ].sort();
    expect(onTable(/^ProjectionsProjector/, 'TablesPersonalData')).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:DeleteItem',
    ]);
    expect(onTable(/^ProjectionsRebuild/, 'TablesPersonalData')).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:UpdateItem',
    ]);
    // the publisher reads the events it describes by key, and may not write them
    expect(onTable(/^PublishingPublisher/, 'TablesEvents')).toEqual(['dynamodb:BatchGetItem']);
    // indexes, each only to the function that queries it: the list of respondents (query API), a person's responses (ingest API)
    const indexesOf = (pattern: RegExp) =>
      JSON.stringify(statements.filter((s) => pattern.test(s.id)).map((s) => s.Resource)).match(/\/index\/[\w*]+/g) ??
      [];
    expect(indexesOf(/^ApiQuery/)).toEqual(['/index/respondentsByUpdate']);
    expect(indexesOf(/^ApiIngest/)).toEqual(['/index/byRespondent']);
    expect(indexesOf(/^(?!Api(Query|Ingest))/)).toEqual([]);
    const putEvents = statements.filter((s) => list(s.Action).includes('events:PutEvents'));
    expect(putEvents.map((s) => s.id)).toEqual([expect.stringMatching(/^PublishingPublisher/)]);
    expect(JSON.stringify(putEvents[0]!.Resource)).toMatch(/EventsBus/);
  });
});
