import * as z from 'zod';
import type { AlertEntry } from '../outbox';

/** How long an alert's transitions are kept in the log (TTL), seconds: a year. */
export const ALERT_LOG_TTL_SECONDS = 366 * 86_400;

/** Most transitions `GET /v1/alerts` reads (newest first): the recent alerts come from these. */
export const ALERT_LOG_READ = 400;

const statistics = z.object({
  from: z.string(),
  to: z.string(),
  responses: z.int(),
  detractors: z.int(),
  detractorShare: z.number().nullable(),
});

/** One transition of an episode as the log keeps it: the data of its published event. */
export const alertTransitionSchema = z.object({
  detailType: z.enum(['DetractorShareSpiked', 'DetractorShareRecovered']),
  occurredAt: z.string(),
  data: z.object({
    segment: z.string(),
    alertId: z.string(),
    window: statistics,
    baseline: statistics,
    // null on a recovery whose window emptied
    lift: z.number().nullable(),
    z: z.number().nullable(),
  }),
});
export type AlertTransition = z.infer<typeof alertTransitionSchema>;

/** The log record of an outbox alert entry (what the episode transition writes beside it). */
export const transitionOf = (entry: AlertEntry): AlertTransition =>
  alertTransitionSchema.parse({ detailType: entry.detailType, occurredAt: entry.occurredAt, data: entry.data });

/** An alert (one episode) as `GET /v1/alerts` answers it. */
export const alertSchema = z
  .strictObject({
    alertId: z.string(),
    segment: z.string(),
    status: z.enum(['open', 'recovered']),
    openedAt: z.string().meta({ description: 'when the spike was detected' }),
    recoveredAt: z.string().nullable(),
    window: statistics.meta({ description: 'the detection window when it opened' }),
    baseline: statistics.meta({ description: 'the baseline it was compared with' }),
    lift: z.number().nullable().meta({ description: 'window detractor share − baseline share, when it opened' }),
    z: z.number().nullable().meta({ description: 'z statistic of the two-proportion test, when it opened' }),
  })
  .meta({ id: 'Alert' });
export type Alert = z.infer<typeof alertSchema>;

export const alertsAnswerSchema = z
  .strictObject({
    open: z.array(alertSchema).meta({ description: 'episodes still open, newest first' }),
    recent: z.array(alertSchema).meta({ description: 'the latest episodes, open or recovered, newest first' }),
  })
  .meta({ id: 'Alerts' });

/**
 * Episodes from their transitions (newest first): each spike opens one, its recovery (same
 * alertId) closes it. A recovery whose spike is older than what was read is left out.
 */
export const alertsOf = (
  transitions: readonly AlertTransition[],
  { segment, limit }: { segment?: string; limit: number },
) => {
  const mine = transitions.filter((t) => segment === undefined || t.data.segment === segment);
  const recoveredAt = new Map(
    mine.filter((t) => t.detailType === 'DetractorShareRecovered').map((t) => [t.data.alertId, t.occurredAt] as const),
  );
  const alerts: Alert[] = mine
    .filter((t) => t.detailType === 'DetractorShareSpiked')
    .map(({ occurredAt, data }) => {
      const recovered = recoveredAt.get(data.alertId) ?? null;
      return { ...data, status: recovered ? 'recovered' : 'open', openedAt: occurredAt, recoveredAt: recovered };
    });
  return { open: alerts.filter((a) => a.status === 'open'), recent: alerts.slice(0, limit) };
};
