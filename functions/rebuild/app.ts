import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { rebuild, type RebuildDependencies, type RebuildResult } from './rebuild';

/**
 * The rebuild as a Lambda (invoke it by hand or from a pipeline; it runs one rebuild and
 * answers its summary). The local stack runs the same function for `npm run rebuild`.
 */
export const createRebuildHandler = ({ logger, ...deps }: RebuildDependencies & { logger: Logger }) =>
  middy<unknown, RebuildResult>()
    .use(injectLambdaContext(logger))
    .handler(async () => {
      const result = await rebuild({ ...deps, log_: (message) => logger.info(message) });
      logger.info('rebuild finished', { ...result });
      return result;
    });
