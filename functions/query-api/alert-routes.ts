import * as z from 'zod';
import { ALERT_LOG_READ, alertsOf } from '../shared/alerts/alert-log';
import type { AlertLog } from '../shared/alerts/alert-store';
import { respondJson } from '../shared/http';
import { type Route, route } from '../shared/http-handler';
import { npsParams } from './params';
import { type QueryContext, segmentOf } from './request';

/** Most alerts `recent` may hold. */
export const MAX_RECENT_ALERTS = 100;

export const alertsParams = z.strictObject({
  segment: npsParams.shape.segment.meta({ description: 'only this segment’s alerts (default: every segment’s)' }),
  limit: z
    .string()
    .regex(/^([1-9][0-9]?|100)$/u, { error: `must be a whole number from 1 to ${MAX_RECENT_ALERTS}` })
    .transform(Number)
    .default(20)
    .meta({ description: `recent alerts at most, 1–${MAX_RECENT_ALERTS} (default 20)` }),
});

/**
 * `GET /v1/alerts`: the detractor-share episodes still open and the latest ones, from the
 * alert log (the transitions published as `DetractorShareSpiked` / `…Recovered`).
 */
export const alertRoutes = (log: AlertLog, context: QueryContext): Record<string, Route> => ({
  'GET /v1/alerts': route(alertsParams, async (event, params) => {
    const segment = params.segment === undefined ? undefined : segmentOf(context, params.segment);
    const transitions = await log.recentTransitions(ALERT_LOG_READ);
    return respondJson(event, alertsOf(transitions, { segment, limit: params.limit }), {
      'x-nps-items-read': String(transitions.length),
    });
  }),
});
