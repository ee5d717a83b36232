import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { METRICS_NAMESPACE, type Observability } from './observability';

/**
 * Logger, metrics (EMF) and tracer (X-Ray) of a deployed function; `handler.ts` files
 * only. The tracer's client wrapper is returned too, for the SDK clients.
 *
 * @example
 * const observability = lambdaObservability('nps-query-api');
 * const client = observability.tracer.captureAWSv3Client(createDocumentClient());
 */
export const lambdaObservability = (serviceName: string): Observability & { tracer: Tracer; metrics: Metrics } => {
  const tracer = new Tracer({ serviceName });
  return {
    logger: new Logger({ serviceName }),
    metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName }),
    tracer,
    outer: [captureLambdaHandler(tracer)],
  };
};
