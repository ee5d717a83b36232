import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DependencyUnavailableError } from './errors';
import { HttpProblem, type HttpResult, problemResponse, serviceUnavailable } from './http';
import { ConcurrentAppendError } from './response-commands';

/**
 * Turns every error of an HTTP handler into an RFC 9457 response: `HttpProblem` as is,
 * an unavailable dependency as a retryable 503, anything else as a logged 500.
 */
export const httpProblems = (logger: Logger): MiddlewareObj<APIGatewayProxyEventV2, HttpResult> => ({
  onError: async (request) => {
    const { error } = request;
    if (error instanceof HttpProblem) {
      request.response = problemResponse(error);
    } else if (error instanceof DependencyUnavailableError || error instanceof ConcurrentAppendError) {
      logger.warn('dependency unavailable', { error });
      request.response = problemResponse(serviceUnavailable('A dependency is unavailable; retry the request.'));
    } else {
      logger.error('unexpected error', { error: error as Error });
      request.response = problemResponse(
        new HttpProblem(500, 'internal', 'Internal error', 'An unexpected error occurred; it has been logged.'),
      );
    }
  },
});
