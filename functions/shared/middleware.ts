import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type HttpResult, problemResponse } from './http';
import { isServerFault, problemOf } from './problems';

/**
 * Turns every error of an HTTP handler into an RFC 9457 response (`problemOf`): a
 * retryable 503 is logged as a warning, a 500 as an error with its cause.
 */
export const httpProblems = (logger: Logger): MiddlewareObj<APIGatewayProxyEventV2, HttpResult> => ({
  onError: async (request) => {
    const problem = problemOf(request.error);
    if (isServerFault(problem)) logger.error('unexpected error', { error: request.error as Error });
    else if (problem.status >= 500) logger.warn(problem.detail, { error: request.error as Error });
    request.response = problemResponse(problem);
  },
});
