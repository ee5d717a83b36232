import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddlewareObj } from '@middy/core';

/**
 * The Powertools utilities of a function. Metrics and tracing are on when deployed
 * (`lambda-observability.ts`) and off in the local stack, which never even loads the
 * tracer: its X-Ray SDK installs async hooks that tax every promise of the process.
 */
export interface Observability {
  logger: Logger;
  metrics?: Metrics;
  /** Middlewares wrapped around everything else (the tracer's segment). */
  outer?: MiddlewareObj[];
}

/** CloudWatch namespace of the backend's metrics. */
export const METRICS_NAMESPACE = 'NpsBackend';

/**
 * A middy handler with the function's observability: the outer middlewares (X-Ray
 * segment), Lambda context in every log line, metrics flushed (with a cold-start metric)
 * at the end.
 */
export const observedHandler = <Event, Result>({ logger, metrics, outer = [] }: Observability) => {
  const handler = middy<Event, Result>();
  for (const middleware of outer) handler.use(middleware as MiddlewareObj<Event, Result>);
  handler.use(injectLambdaContext(logger));
  if (metrics) handler.use(logMetrics(metrics, { captureColdStartMetric: true }));
  return handler;
};

/** Adds a count metric when metrics are on. */
export const countMetric = (observability: Pick<Observability, 'metrics'>, name: string, value: number): void => {
  if (value > 0) observability.metrics?.addMetric(name, MetricUnit.Count, value);
};
