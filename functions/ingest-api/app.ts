import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { fieldErrorsOf } from '../../domain/validation';
import { HttpProblem, json, type Problem, readJsonBody, validationProblem } from '../shared/http';
import { type Route, routedHttpHandler } from '../shared/http-handler';
import { countMetric, type Observability } from '../shared/observability';
import { isResponseId, type ResponseCommands, type SubmitResult } from '../shared/response-commands';

export const SINGLE_BODY_LIMIT = 64 * 1024;
export const BATCH_BODY_LIMIT = 1024 * 1024;
export const MAX_BATCH_ITEMS = 100;
/** Items of one batch written at a time. */
const BATCH_CONCURRENCY = 8;

const batchSchema = z.strictObject({ responses: z.array(z.unknown()).min(1).max(MAX_BATCH_ITEMS) });

const conflict = (responseId: string) =>
  new HttpProblem('conflict', `A different response was already submitted as ${responseId}; a re-send must be identical.`);
const gone = (responseId: string) => new HttpProblem('gone', `Response ${responseId} was erased; its id cannot be used again.`);
const notFound = (responseId: string) => new HttpProblem('not-found', `No response ${responseId}.`);

/** The problem a refused submission gets, or undefined when it was taken. */
const submitProblem = (result: SubmitResult): HttpProblem | undefined => {
  if (result.kind === 'invalid') return validationProblem(result.errors);
  if (result.kind === 'conflict') return conflict(result.responseId);
  if (result.kind === 'erased') return gone(result.responseId);
  return undefined;
};

const pathResponseId = (event: APIGatewayProxyEventV2): string => {
  const id = event.pathParameters?.responseId ?? '';
  if (!isResponseId(id))
    throw validationProblem([{ path: 'responseId', message: 'not a valid responseId' }], `"${id}" is not a valid responseId.`);
  return id;
};

/** Runs `work` over items with bounded concurrency; items sharing a key run one after another, in order. */
const mapOrdered = async <T, R>(items: T[], keyOf: (item: T) => string | undefined, work: (item: T) => Promise<R>): Promise<R[]> => {
  const results = new Array<R>(items.length);
  const lastByKey = new Map<string, Promise<unknown>>();
  const queue = items.map((item, index) => ({ item, index }));
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const key = keyOf(next.item);
      const previous = key !== undefined ? lastByKey.get(key) : undefined;
      const run = (async () => {
        await previous?.catch(() => undefined);
        return work(next.item);
      })();
      if (key !== undefined) lastByKey.set(key, run);
      results[next.index] = await run;
    }
  };
  await Promise.all(Array.from({ length: BATCH_CONCURRENCY }, worker));
  return results;
};

const createRoutes = (commands: ResponseCommands, observability: Observability): Record<string, Route> => ({
  'POST /v1/responses': async (event) => {
    const result = await commands.submit(readJsonBody(event, SINGLE_BODY_LIMIT));
    const problem = submitProblem(result);
    if (problem) throw problem;
    const { responseId, kind } = result as { responseId: string; kind: 'accepted' | 'duplicate' };
    countMetric(observability, 'ResponsesAccepted', kind === 'accepted' ? 1 : 0);
    return json(kind === 'accepted' ? 202 : 200, { responseId, status: kind });
  },

  'POST /v1/responses/batch': async (event) => {
    const body = batchSchema.safeParse(readJsonBody(event, BATCH_BODY_LIMIT));
    if (!body.success) throw validationProblem(fieldErrorsOf(body.error));
    const idOf = (item: unknown) => (item as { responseId?: unknown } | null)?.responseId;
    const results = await mapOrdered(
      body.data.responses,
      (item) => (typeof idOf(item) === 'string' ? (idOf(item) as string) : undefined),
      async (item) => {
        const result = await commands.submit(item);
        const problem = submitProblem(result);
        const responseId = result.responseId ?? null;
        return problem
          ? { responseId, status: 'rejected' as const, error: problem.toProblem() satisfies Problem }
          : { responseId, status: result.kind };
      },
    );
    countMetric(observability, 'ResponsesAccepted', results.filter((r) => r.status === 'accepted').length);
    countMetric(observability, 'ResponsesRejected', results.filter((r) => r.status === 'rejected').length);
    return json(200, { results });
  },

  'GET /v1/responses/{responseId}': async (event) => {
    const responseId = pathResponseId(event);
    const view = await commands.get(responseId);
    if (!view) throw notFound(responseId);
    return json(200, view);
  },

  'PATCH /v1/responses/{responseId}': async (event) => {
    const responseId = pathResponseId(event);
    const result = await commands.amend(responseId, () => readJsonBody(event, SINGLE_BODY_LIMIT));
    if (result.kind === 'not-found') throw notFound(responseId);
    if (result.kind === 'erased') throw gone(responseId);
    if (result.kind === 'invalid') throw validationProblem(result.errors);
    return json(result.kind === 'amended' ? 202 : 200, { responseId, status: result.kind });
  },

  'DELETE /v1/responses/{responseId}': async (event) => {
    const responseId = pathResponseId(event);
    const result = await commands.erase(responseId);
    if (result.kind === 'not-found') throw notFound(responseId);
    return json(result.kind === 'erased' ? 202 : 200, { responseId, status: 'erased' });
  },
});

export interface IngestApiDependencies extends Observability {
  commands: ResponseCommands;
}

/**
 * The ingest HTTP API as one Lambda handler (API Gateway HTTP API, payload v2), routed
 * by `routeKey`. The local stack serves the very same handler.
 */
export const createIngestApiHandler = ({ commands, ...observability }: IngestApiDependencies) =>
  routedHttpHandler(createRoutes(commands, observability), observability);
