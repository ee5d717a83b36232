import { type Observability, observedHandler } from '../shared/observability';
import { type RebuildDependencies, type RebuildResult, rebuild } from './rebuild';

/**
 * The rebuild as a Lambda (invoke it by hand or from a pipeline; it runs one rebuild and
 * answers its summary). The local stack runs the same function for `npm run rebuild`.
 */
export const createRebuildHandler = ({ logger, metrics, outer, ...deps }: RebuildDependencies & Observability) =>
  observedHandler<unknown, RebuildResult>({ logger, metrics, outer }).handler(async () => {
    const result = await rebuild({ ...deps, progress: (message) => logger.info(message) });
    logger.info('rebuild finished', { ...result });
    return result;
  });
