import { type AlertDependencies, sweepOpenEpisodes } from '../shared/alerts/evaluate';
import { type Observability, observedHandler } from '../shared/observability';

/**
 * Runs on a schedule (every 5 minutes deployed, every minute locally): re-evaluates the
 * open detractor-share episodes, so that a segment that stops receiving responses still
 * recovers (an empty window counts as recovered).
 */
export const createAlertSweeperHandler = ({ logger, metrics, outer, ...deps }: AlertDependencies & Observability) =>
  observedHandler<unknown, { recovered: string[] }>({ logger, metrics, outer }).handler(async () => {
    const { recovered } = await sweepOpenEpisodes(deps);
    if (recovered.length) logger.info('episodes recovered', { segments: recovered });
    return { recovered };
  });
