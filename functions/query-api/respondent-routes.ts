import type { RespondentView } from '../../domain/respondents/view';
import { CATEGORIES } from '../../domain/score';
import { addDays } from '../../domain/time';
import { respondJson, validationProblem } from '../shared/http';
import { NO_QUERY, type Route, route } from '../shared/http-handler';
import { HttpProblem } from '../shared/problems';
import { pathRespondentId } from '../shared/respondent-schemas';
import { csvTable } from './csv';
import { type QueryContext, rangeOf, respond, segmentOf } from './request';
import { cursorOf, eligibilityParams, positionOf, respondentListParams, transitionsParams } from './respondent-params';
import type { RespondentFilter, RespondentQueries } from './respondent-queries';

const RESPONDENT_COLUMNS = [
  'respondentId',
  'responses',
  'latestResponseId',
  'latestScore',
  'latestCategory',
  'latestSubmittedAt',
  'latestSegments',
  'previousScore',
  'previousCategory',
  'averageScore',
  'categoryChange',
  'atRisk',
  'riskProbability',
  'riskReasons',
  'updatedAt',
];

const respondentRow = (v: RespondentView) => [
  v.respondentId,
  v.responses,
  v.latest.responseId,
  v.latest.score,
  v.latest.category,
  v.latest.submittedAt,
  JSON.stringify(v.latest.segments),
  v.previous?.score ?? null,
  v.previous?.category ?? null,
  v.averageScore,
  v.categoryChange,
  String(v.risk.atRisk),
  v.risk.probability,
  v.risk.reasons.join(' '),
  v.updatedAt,
];

const TRANSITION_COLUMNS = ['segment', 'from', 'to', 'fromCategory', 'toCategory', 'count', 'rowShare'];

const filterOf = (
  context: QueryContext,
  params: { category?: RespondentFilter['category']; atRisk?: boolean; segment?: string },
): RespondentFilter => ({
  ...(params.category ? { category: params.category } : {}),
  ...(params.atRisk !== undefined ? { atRisk: params.atRisk } : {}),
  ...(params.segment !== undefined ? { segment: segmentOf(context, params.segment) } : {}),
});

/** `/v1/respondents`, `/v1/respondents/{respondentId}` and `/v1/transitions` (docs/respondents.md). */
export const respondentRoutes = (queries: RespondentQueries, context: QueryContext): Record<string, Route> => ({
  'GET /v1/respondents/{respondentId}': route(NO_QUERY, async (event) => {
    const respondentId = pathRespondentId(event.pathParameters?.respondentId);
    const result = await queries.get(respondentId);
    if (!result.body)
      throw new HttpProblem('not-found', `No respondent ${respondentId} (or all their responses were erased).`);
    return respondJson(event, result.body, {
      'x-nps-items-read': String(result.itemsRead),
      'cache-control': 'no-store',
    });
  }),

  'GET /v1/respondents/{respondentId}/eligibility': route(eligibilityParams, async (event, params) => {
    const respondentId = pathRespondentId(event.pathParameters?.respondentId);
    const result = await queries.eligibility(respondentId, { minDays: params.minDays, nowMs: context.now() });
    return respondJson(event, result.body, {
      'x-nps-items-read': String(result.itemsRead),
      'cache-control': 'no-store',
    });
  }),

  'GET /v1/respondents': route(respondentListParams, async (event, params) => {
    const filter = filterOf(context, params);
    if (params.order === 'newest' && params.updatedSince !== undefined) {
      throw validationProblem([
        { path: 'updatedSince', message: 'is for oldest-first sync; leave it out with order=newest' },
      ]);
    }
    const after = params.cursor !== undefined ? positionOf(params.cursor, params.order) : params.updatedSince;
    const result = await queries.list({ after, limit: params.limit, filter, order: params.order });
    const body = {
      items: result.body.items,
      nextCursor: result.body.next !== undefined ? cursorOf(result.body.next, params.order) : null,
    };
    const csv = () => csvTable(RESPONDENT_COLUMNS, body.items.map(respondentRow));
    const answer = respond(event, { body, itemsRead: result.itemsRead }, { format: params.format, csv });
    return body.nextCursor ? { ...answer, headers: { ...answer.headers, 'x-next-cursor': body.nextCursor } } : answer;
  }),

  'GET /v1/transitions': route(transitionsParams, async (event, params) => {
    const { from, to } = rangeOf(context, params, (end) => addDays(end, -364));
    const result = await queries.transitions({ segment: segmentOf(context, params.segment), from, to });
    const { body } = result;
    const csv = () =>
      csvTable(
        TRANSITION_COLUMNS,
        CATEGORIES.flatMap((first) =>
          CATEGORIES.map((next) => [
            body.segment,
            from,
            to,
            first,
            next,
            body.rows[first].to[next].count,
            body.rows[first].to[next].share,
          ]),
        ),
      );
    return respond(event, result, { format: params.format, csv });
  }),
});
