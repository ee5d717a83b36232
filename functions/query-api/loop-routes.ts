import { loopFigures } from '../../domain/loop-figures';
import type { Day } from '../../domain/time';
import type { ProjectionStore } from '../projection-engine/store';
import { readLoopCounts } from '../projections/loop';
import { recoveryOf } from '../projections/respondents/aggregates';
import { readAggregatesBetween } from '../projections/respondents/reads';
import { type Route, route } from '../shared/http-handler';
import { csvTable } from './csv';
import { npsParams } from './params';
import type { Answer } from './queries';
import { type QueryContext, rangeOf, respond, segmentOf } from './request';

export const loopParams = npsParams.extend({
  from: npsParams.shape.from.meta({ description: 'first UTC day of submittedAt (inclusive); default: to − 29 days' }),
  to: npsParams.shape.to.meta({ description: 'last UTC day of submittedAt (inclusive); default: today' }),
});

/**
 * `/v1/loop`: close-the-loop figures of the detractor responses submitted in a range, from
 * the loop counts (≤ 74 items) and the respondents' recovery counts (≤ 74 items).
 *
 * @example
 * const { body } = await createLoopQueries(store).loop({ segment: 'all', from: '2026-06-01', to: '2026-11-30' });
 */
export const createLoopQueries = (store: ProjectionStore) => ({
  loop: async ({ segment, from, to }: { segment: string; from: Day; to: Day }) => {
    const generation = (await store.readMeta()).current;
    const [counts, aggregates] = await Promise.all([
      readLoopCounts(store, { generation, segment, from, to }),
      readAggregatesBetween(store, generation, from, to),
    ]);
    const body = { segment, from, to, ...loopFigures(counts.value, recoveryOf(aggregates.value, segment)) };
    return { body, itemsRead: 1 + counts.itemsRead + aggregates.itemsRead } satisfies Answer<unknown>;
  },
});

export type LoopQueries = ReturnType<typeof createLoopQueries>;

const LOOP_COLUMNS = [
  'segment',
  'from',
  'to',
  'detractors',
  'contacted',
  'contactedShare',
  'contactedWithin48hShare',
  'medianHoursToFirstContact',
  'resolvedShare',
  'group',
  'answeredAgain',
  'recovered',
  'recoveryShare',
  'recoveryLow95',
  'recoveryHigh95',
];

/** `GET /v1/loop` (docs/close-the-loop.md): JSON, or CSV with one row per recovery group. */
export const loopRoutes = (queries: LoopQueries, context: QueryContext): Record<string, Route> => ({
  'GET /v1/loop': route(loopParams, async (event, params) => {
    const { from, to } = rangeOf(context, params);
    const result = await queries.loop({ segment: segmentOf(context, params.segment), from, to });
    const { body } = result;
    const csv = () =>
      csvTable(
        LOOP_COLUMNS,
        (['contacted', 'notContacted'] as const).map((group) => {
          const recovery = body.recovery[group];
          return [
            body.segment,
            body.from,
            body.to,
            body.detractors,
            body.contacted,
            body.contactedShare,
            body.contactedWithin48hShare,
            body.medianHoursToFirstContact,
            body.resolvedShare,
            group,
            recovery.answeredAgain,
            recovery.recovered,
            recovery.share,
            recovery.ci95?.low ?? null,
            recovery.ci95?.high ?? null,
          ];
        }),
      );
    return respond(event, result, { format: params.format, csv });
  }),
});
