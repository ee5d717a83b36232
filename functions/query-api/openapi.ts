import * as z from 'zod';
import { amendmentBodySchema } from '../../domain/amendment';
import { submissionBodySchema } from '../../domain/submission';
import {
  aggregateSchema,
  batchAnswerSchema,
  problemSchema,
  responseViewSchema,
  rollingSchema,
  segmentsSchema,
  statusAnswerSchema,
  submitAnswerSchema,
  timeseriesSchema,
} from '../shared/api-schemas';
import { npsParams, rollingParams, timeseriesParams } from './params';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType): JsonSchema => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return rest;
};

const queryParameters = (schema: z.ZodObject) =>
  Object.entries((toSchema(schema).properties ?? {}) as Record<string, JsonSchema>).map(([name, property]) => ({
    name,
    in: 'query',
    required: false,
    description: property.description,
    schema: property,
  }));

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const jsonContent = (schema: JsonSchema) => ({ 'application/json': { schema } });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const aggregateContent = (id: string) => ({ ...jsonContent(ref(id)), 'text/csv': { schema: { type: 'string' } } });
const responseIdParameter = {
  name: 'responseId',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' },
};
const common = { 400: problem('invalid request'), 503: problem('a dependency is unavailable; retry (see Retry-After)') };

let cached: JsonSchema | undefined;

/**
 * The OpenAPI 3.1 document of the whole HTTP API, generated from the zod schemas that
 * validate requests (bodies and query parameters) and describe answers.
 */
export const openApiDocument = (): JsonSchema => {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'NPS backend',
      version: '1.0.0',
      description: 'Ingest survey responses; query NPS per segment with confidence intervals.',
    },
    components: {
      schemas: {
        Submission: toSchema(submissionBodySchema),
        Amendment: toSchema(amendmentBodySchema),
        Batch: {
          type: 'object',
          required: ['responses'],
          additionalProperties: false,
          properties: { responses: { type: 'array', minItems: 1, maxItems: 100, items: ref('Submission') } },
        },
        Problem: toSchema(problemSchema),
        Aggregate: toSchema(aggregateSchema),
        TimeSeries: toSchema(timeseriesSchema),
        RollingSeries: toSchema(rollingSchema),
        Segments: toSchema(segmentsSchema),
        SubmitAnswer: toSchema(submitAnswerSchema),
        BatchAnswer: toSchema(batchAnswerSchema),
        StatusAnswer: toSchema(statusAnswerSchema),
        Response: toSchema(responseViewSchema),
      },
    },
    paths: {
      '/v1/responses': {
        post: {
          summary: 'Submit a response (idempotent on responseId)',
          requestBody: { required: true, content: jsonContent(ref('Submission')) },
          responses: {
            202: { description: 'accepted', content: jsonContent(ref('SubmitAnswer')) },
            200: { description: 'identical re-send', content: jsonContent(ref('SubmitAnswer')) },
            409: problem('same responseId, different content'),
            410: problem('responseId was erased'),
            413: problem('body over 64 KiB'),
            415: problem('not JSON'),
            ...common,
          },
        },
      },
      '/v1/responses/batch': {
        post: {
          summary: 'Submit 1–100 responses; each is answered on its own',
          requestBody: { required: true, content: jsonContent(ref('Batch')) },
          responses: {
            200: { description: 'one result per item, in request order', content: jsonContent(ref('BatchAnswer')) },
            413: problem('body over 1 MiB'),
            415: problem('not JSON'),
            ...common,
          },
        },
      },
      '/v1/responses/{responseId}': {
        parameters: [responseIdParameter],
        get: {
          summary: 'Current state and event history',
          responses: { 200: { description: 'the response', content: jsonContent(ref('Response')) }, 404: problem('unknown'), ...common },
        },
        patch: {
          summary: 'Amend score and/or comment',
          requestBody: { required: true, content: jsonContent(ref('Amendment')) },
          responses: {
            202: { description: 'amended', content: jsonContent(ref('StatusAnswer')) },
            200: { description: 'unchanged', content: jsonContent(ref('StatusAnswer')) },
            404: problem('unknown'),
            410: problem('erased'),
            ...common,
          },
        },
        delete: {
          summary: 'Erase (GDPR art. 17)',
          responses: {
            202: { description: 'erased', content: jsonContent(ref('StatusAnswer')) },
            200: { description: 'already erased', content: jsonContent(ref('StatusAnswer')) },
            404: problem('unknown'),
            ...common,
          },
        },
      },
      '/v1/nps': {
        get: {
          summary: 'One aggregate over UTC days from..to',
          parameters: queryParameters(npsParams),
          responses: { 200: { description: 'aggregate', content: aggregateContent('Aggregate') }, ...common },
        },
      },
      '/v1/nps/timeseries': {
        get: {
          summary: 'One aggregate per bucket (at most 1,000)',
          parameters: queryParameters(timeseriesParams),
          responses: { 200: { description: 'series', content: aggregateContent('TimeSeries') }, ...common },
        },
      },
      '/v1/nps/rolling': {
        get: {
          summary: 'Rolling 7/30/90-day aggregate per day (at most 366)',
          parameters: queryParameters(rollingParams),
          responses: { 200: { description: 'series', content: aggregateContent('RollingSeries') }, ...common },
        },
      },
      '/v1/segments': {
        get: {
          summary: 'Dimensions and the values seen',
          responses: { 200: { description: 'catalogue', content: jsonContent(ref('Segments')) }, ...common },
        },
      },
      '/v1/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
      '/healthz': { get: { summary: 'Liveness', responses: { 200: { description: 'ok' } } } },
    },
  };
  return cached;
};
