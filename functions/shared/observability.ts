import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';

/** The Powertools utilities of a function; metrics and tracer are off in the local stack. */
export interface Observability {
  logger: Logger;
  metrics?: Metrics;
  tracer?: Tracer;
}

/** CloudWatch namespace of the backend's metrics. */
export const METRICS_NAMESPACE = 'NpsBackend';

/**
 * Logger, metrics (EMF) and tracer for a deployed function.
 *
 * @example
 * const observability = lambdaObservability('nps-query-api');
 */
export const lambdaObservability = (serviceName: string): Required<Observability> => ({
  logger: new Logger({ serviceName }),
  metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName }),
  tracer: new Tracer({ serviceName }),
});

/**
 * A middy handler with the function's observability: X-Ray segment around the handler,
 * Lambda context in every log line, metrics flushed (with a cold-start metric) at the end.
 */
export const observedHandler = <Event, Result>({ logger, metrics, tracer }: Observability) => {
  const handler = middy<Event, Result>();
  if (tracer) handler.use(captureLambdaHandler(tracer));
  handler.use(injectLambdaContext(logger));
  if (metrics) handler.use(logMetrics(metrics, { captureColdStartMetric: true }));
  return handler;
};

/** Adds a count metric when metrics are on. */
export const countMetric = (observability: Observability, name: string, value: number): void => {
  if (value > 0) observability.metrics?.addMetric(name, MetricUnit.Count, value);
};
