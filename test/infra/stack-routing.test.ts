import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { stackConfig } from '../../infra/config';
import { resourcesOf, synthStack } from '../support/synth';

const { template } = synthStack();
const resources = resourcesOf(template);

/** Actions AWS offers only on "*" (no resource-level permissions). */
const _WILDCARD_ONLY_ACTIONS = new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'dynamodb:ListStreams']);

describe('event bus', () => {
  it('archives published events for a bounded, configurable time', () => {
    template.hasResourceProperties('AWS::Events::Archive', {
      RetentionDays: 7,
      EventPattern: { source: ['nps.backend'] },
    });
    synthStack({ archiveRetentionDays: 3, eventSource: 'acme.nps' }).template.hasResourceProperties(
      'AWS::Events::Archive',
      {
        RetentionDays: 3,
        EventPattern: { source: ['acme.nps'] },
      },
    );
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
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'detail-type': ['DetractorResponseReceived'] },
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'detail-type': ['PromoterResponseReceived'] },
    });
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
  it('has the documented defaults and refuses invalid values with the key', () => {
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
    const thresholds = synthStack({ alertMinResponses: '50', alertZThreshold: '3' }).template.findResources(
      'AWS::Lambda::Function',
    );
    expect(
      Object.values(thresholds).filter(
        (f: any) =>
          f.Properties.Environment.Variables.NPS_ALERT_MIN_RESPONSES === '50' &&
          f.Properties.Environment.Variables.NPS_ALERT_Z_THRESHOLD === '3',
      ),
    ).toHaveLength(2);
  });
});
