import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import type { Analyzer } from '../../domain/analysis/analyze';
import { fieldErrorsOf } from '../../domain/validation';
import { json, readJsonBody, respondJson, validationProblem } from '../shared/http';
import { NO_QUERY, type Route, type RoutedHttpOptions, route, routedHttpHandler } from '../shared/http-handler';
import { countMetric } from '../shared/observability';
import { HttpProblem } from '../shared/problems';
import type { RespondentErasureResult } from '../shared/respondent-erasure';
import { pathRespondentId } from '../shared/respondent-schemas';
import { isResponseId, type ResponseCommands } from '../shared/response-commands';
import { analyzeRoute } from './analyze';
import { submitBatch } from './batch';
import { followUpProblem, gone, notFound, submitProblem } from './problems';

export const SINGLE_BODY_LIMIT = 64 * 1024;
export const BATCH_BODY_LIMIT = 1024 * 1024;
export const MAX_BATCH_ITEMS = 100;

const batchSchema = z.strictObject({ responses: z.array(z.unknown()).min(1).max(MAX_BATCH_ITEMS) });

const pathResponseId = (event: APIGatewayProxyEventV2): string => {
  const id = event.pathParameters?.responseId ?? '';
  if (!isResponseId(id))
    throw validationProblem(
      [{ path: 'responseId', message: 'not a valid responseId' }],
      `"${id}" is not a valid responseId.`,
    );
  return id;
};

const createRoutes = ({
  commands,
  analyzer,
  eraseRespondent,
  ...observability
}: IngestApiDependencies): Record<string, Route> => ({
  'POST /v1/analyze': analyzeRoute(analyzer),

  'POST /v1/responses': route(NO_QUERY, async (event) => {
    const result = await commands.submit(readJsonBody(event, SINGLE_BODY_LIMIT));
    const problem = submitProblem(result);
    if (problem) throw problem;
    const { responseId, kind } = result as { responseId: string; kind: 'accepted' | 'duplicate' };
    countMetric(observability, 'ResponsesAccepted', kind === 'accepted' ? 1 : 0);
    return json(kind === 'accepted' ? 202 : 200, { responseId, status: kind });
  }),

  'POST /v1/responses/batch': route(NO_QUERY, async (event, _query, { deadline }) => {
    const body = batchSchema.safeParse(readJsonBody(event, BATCH_BODY_LIMIT));
    if (!body.success) throw validationProblem(fieldErrorsOf(body.error));
    const results = await submitBatch(commands, body.data.responses, deadline);
    countMetric(observability, 'ResponsesAccepted', results.filter((r) => r.status === 'accepted').length);
    countMetric(observability, 'ResponsesRejected', results.filter((r) => r.status === 'rejected').length);
    return json(200, { results });
  }),

  'GET /v1/responses/{responseId}': route(NO_QUERY, async (event) => {
    const responseId = pathResponseId(event);
    const view = await commands.get(responseId);
    if (!view) throw notFound(responseId);
    return respondJson(event, view);
  }),

  'PATCH /v1/responses/{responseId}': route(NO_QUERY, async (event) => {
    const responseId = pathResponseId(event);
    const result = await commands.amend(responseId, () => readJsonBody(event, SINGLE_BODY_LIMIT));
    if (result.kind === 'not-found') throw notFound(responseId);
    if (result.kind === 'erased') throw gone(responseId);
    if (result.kind === 'invalid') throw validationProblem(result.errors);
    return json(result.kind === 'amended' ? 202 : 200, { responseId, status: result.kind });
  }),

  'POST /v1/responses/{responseId}/follow-ups': route(NO_QUERY, async (event) => {
    const responseId = pathResponseId(event);
    const result = await commands.followUp(responseId, () => readJsonBody(event, SINGLE_BODY_LIMIT));
    if (!('followUp' in result)) throw followUpProblem(responseId, result);
    countMetric(observability, 'FollowUpsRecorded', result.kind === 'recorded' ? 1 : 0);
    return json(result.kind === 'recorded' ? 201 : 200, result.followUp);
  }),

  'DELETE /v1/responses/{responseId}': route(NO_QUERY, async (event) => {
    const responseId = pathResponseId(event);
    const result = await commands.erase(responseId);
    if (result.kind === 'not-found') throw notFound(responseId);
    return json(result.kind === 'erased' ? 202 : 200, { responseId, status: 'erased' });
  }),

  'DELETE /v1/respondents/{respondentId}': route(NO_QUERY, async (event, _query, { deadline }) => {
    const respondentId = pathRespondentId(event.pathParameters?.respondentId);
    const result = await eraseRespondent(respondentId, deadline);
    if (result.kind === 'not-found') throw new HttpProblem('not-found', `No response of respondent ${respondentId}.`);
    return json(result.kind === 'erased' ? 202 : 200, { respondentId, status: 'erased', responses: result.responses });
  }),
});

export interface IngestApiDependencies extends RoutedHttpOptions {
  commands: ResponseCommands;
  /** The analyzer of `/v1/analyze` (the one the commands analyse ingested comments with). */
  analyzer: Analyzer;
  /** Person-level erasure (`createRespondentErasure`), until a deadline. */
  eraseRespondent: (respondentId: string, deadline: number) => Promise<RespondentErasureResult>;
}

/**
 * The ingest HTTP API as one Lambda handler (API Gateway HTTP API, payload v2), routed
 * by `routeKey`. The local stack serves the very same handler.
 */
export const createIngestApiHandler = (dependencies: IngestApiDependencies) =>
  routedHttpHandler(createRoutes(dependencies), dependencies);
