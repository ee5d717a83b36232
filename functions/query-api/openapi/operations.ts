import type * as z from 'zod';
import { jsonSchemaOf } from '../../shared/json-schema';
import { ref } from './components';
import { OPERATIONS, type OperationSpec } from './operation-specs';

type Json = Record<string, unknown>;

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});

const successContent = ({ schema, csv }: { schema: string; csv?: boolean }) => ({
  'application/json': { schema: ref(schema) },
  ...(csv
    ? {
        'text/csv': {
          schema: { type: 'string', description: 'a header row, then one row per aggregate (CRLF line ends)' },
        },
      }
    : {}),
});

/** The answers every operation may give besides its own (auth, limits, unavailability, bugs). */
const sharedAnswers = (spec: OperationSpec) => ({
  400: problem(
    'invalid request: query parameters (unknown ones included), path or body; `errors` lists the field paths',
  ),
  401: problem('local stack with NPS_API_TOKEN set: missing or wrong `Authorization: Bearer` token'),
  403: {
    description:
      'deployed: the request is not signed (SigV4) by a principal allowed to invoke the API (answered by API Gateway)',
  },
  414: problem('the request target is longer than 8,192 characters'),
  431: problem('the request headers are larger than 10,240 bytes'),
  ...(spec.body
    ? {
        413: problem(`the body is larger than ${spec.body.limitBytes} bytes`),
        415: problem('the body is not JSON (Content-Type)'),
      }
    : {}),
  ...(spec.usesDynamoDb === false
    ? {}
    : {
        503: problem(
          'DynamoDB is unavailable, too slow (over the time budget) or contended: retry after Retry-After seconds ' +
            '(retries are safe)',
        ),
      }),
  default: problem('unexpected error (logged)'),
});

const queryParameters = (schema: z.ZodObject | undefined) =>
  Object.entries((jsonSchemaOf(schema ?? ({} as z.ZodObject)).properties ?? {}) as Record<string, Json>).map(
    ([name, property]) => ({
      name,
      in: 'query',
      required: false,
      ...(property.description ? { description: property.description } : {}),
      schema: property,
    }),
  );

/** The OpenAPI operation object of a spec (a HEAD twin: the same answers without content). */
const operation = (spec: OperationSpec, { head = false, negotiates = false } = {}): Json => {
  const answers = Object.fromEntries(
    Object.entries(spec.answers).map(([status, answer]) => [
      status,
      head ? { description: answer.description } : { description: answer.description, content: successContent(answer) },
    ]),
  );
  const accept = negotiates ? { 406: problem('the Accept header accepts none of the media types offered') } : {};
  return {
    operationId: head ? `${spec.operationId}Head` : spec.operationId,
    summary: head ? `${spec.summary} (headers only)` : spec.summary,
    ...(spec.query ? { parameters: queryParameters(spec.query) } : {}),
    ...(spec.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: ref(spec.body.schema) } } } }
      : {}),
    responses: {
      ...answers,
      ...Object.fromEntries(Object.entries(spec.problems ?? {}).map(([status, when]) => [status, problem(when)])),
      ...accept,
      ...sharedAnswers(spec),
    },
  };
};

/** The `paths` object: every route with its operations (and a HEAD twin for every GET). */
export const paths = (): Json =>
  Object.fromEntries(
    Object.entries(OPERATIONS).map(([path, { parameters, ...methods }]) => {
      const item: Json = parameters ? { parameters } : {};
      for (const [method, spec] of Object.entries(methods) as [string, OperationSpec][])
        item[method] = operation(spec, { negotiates: method === 'get' });
      if (methods.get) item.head = operation(methods.get, { head: true, negotiates: true });
      return [path, item];
    }),
  );
