import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  type Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  Metric,
  SingleValueWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../../functions/shared/observability';
import type { NpsFunction } from './nps-function';

/** A metric the functions emit (EMF) in the backend's namespace, per service. */
const backendMetric = (
  metricName: string,
  { service, statistic, minutes }: { service: string; statistic: string; minutes: number },
) =>
  new Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service },
    statistic,
    period: Duration.minutes(minutes),
  });

/** When an alarm fires: at or above `threshold` for `evaluationPeriods` periods. */
interface AlarmRule {
  threshold: number;
  description: string;
  evaluationPeriods?: number;
}

export interface ObservabilityProps {
  functions: Record<string, NpsFunction>;
  /** Functions driven by a stream, whose iterator age is the projection lag. */
  streamFunctions: Record<string, NpsFunction>;
  /** Queues that only fill when something failed. */
  failureQueues: Record<string, Queue>;
  httpApi: HttpApi;
  key: IKey;
  alarmEmail?: string;
}

/**
 * Alarms on what needs a human (errors, throttles, stream lag, failure queues, API 5xx),
 * sent to an operations topic, and a dashboard of ingest rate, projection lag and NPS.
 */
export class Observability extends Construct {
  readonly alarms: Alarm[] = [];
  readonly opsTopic: Topic;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.opsTopic = new Topic(this, 'OpsAlarms', {
      masterKey: props.key,
      enforceSSL: true,
      displayName: 'NPS backend alarms',
    });
    if (props.alarmEmail) this.opsTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    const alarm = (name: string, metric: Metric, { threshold, description, evaluationPeriods = 1 }: AlarmRule) => {
      const created = metric.createAlarm(this, name, {
        threshold,
        evaluationPeriods,
        alarmDescription: description,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new SnsAction(this.opsTopic));
      this.alarms.push(created);
    };
    const fiveMinutes = { period: Duration.minutes(5), statistic: 'Sum' };
    for (const [name, { fn }] of Object.entries(props.functions)) {
      alarm(`${name}Errors`, fn.metricErrors(fiveMinutes), {
        threshold: 1,
        description: `${name}: invocations failed (see its logs)`,
      });
      alarm(`${name}Throttles`, fn.metricThrottles(fiveMinutes), {
        threshold: 1,
        description: `${name}: invocations throttled (concurrency limit)`,
      });
    }
    for (const [name, { fn }] of Object.entries(props.streamFunctions)) {
      alarm(`${name}IteratorAge`, fn.metric('IteratorAge', { period: Duration.minutes(1), statistic: 'Maximum' }), {
        threshold: 60_000,
        description: `${name}: stream records wait over a minute (projection lag; aggregates are behind)`,
        evaluationPeriods: 3,
      });
    }
    for (const [name, queue] of Object.entries(props.failureQueues)) {
      alarm(
        `${name}Depth`,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        {
          threshold: 1,
          description: `${name}: messages waiting — events or batches that could not be processed`,
        },
      );
    }
    alarm('Api5xx', props.httpApi.metricServerError(fiveMinutes), {
      threshold: 5,
      description: 'HTTP API answered 5xx (503 = DynamoDB unavailable or throttling)',
    });

    const accepted = backendMetric('ResponsesAccepted', { service: 'nps-ingest-api', statistic: 'Sum', minutes: 1 });
    const acceptedInbound = backendMetric('ResponsesAccepted', {
      service: 'nps-ingest-events',
      statistic: 'Sum',
      minutes: 1,
    });
    const nps = backendMetric('Nps30d', { service: 'nps-publisher', statistic: 'Average', minutes: 5 });
    new Dashboard(this, 'Dashboard', {
      widgets: [
        [
          new GraphWidget({ title: 'Responses accepted per minute', left: [accepted, acceptedInbound], width: 12 }),
          new GraphWidget({
            title: 'Projection lag (stream iterator age, ms)',
            left: Object.values(props.streamFunctions).map(({ fn }) =>
              fn.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(1) }),
            ),
            width: 12,
          }),
        ],
        [
          new SingleValueWidget({ title: 'NPS, all, last 30 days', metrics: [nps], width: 6 }),
          new GraphWidget({ title: 'NPS, all, last 30 days', left: [nps], width: 6 }),
          new GraphWidget({
            title: 'API errors',
            left: [props.httpApi.metricClientError(fiveMinutes), props.httpApi.metricServerError(fiveMinutes)],
            width: 12,
          }),
        ],
      ],
    });
  }
}
