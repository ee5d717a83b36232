import * as z from 'zod';
import { analysisSchema } from '../../domain/analysis/schema';
import { GRANULARITIES } from '../../domain/buckets';
import { listedResponseSchema } from '../projections/responses/item';
import { followUpViewSchema, loopSchema } from './follow-up-schemas';
import { PROBLEM_KINDS, PROBLEM_TYPE_BASE } from './problems';

/** Schemas of what the HTTP API answers: published in the OpenAPI document and checked by the tests. */
export const problemSchema = z
  .object({
    type: z
      .enum(Object.keys(PROBLEM_KINDS).map((kind) => `${PROBLEM_TYPE_BASE}${kind}`) as [string, ...string[]])
      .meta({ description: 'the kind of problem; the same kind always has the same status and title' }),
    title: z.string(),
    status: z.int().min(400).max(599),
    detail: z.string(),
    errors: z
      .array(
        z.object({
          path: z.string().meta({ description: 'dotted field path, e.g. segments.region; empty for the whole body' }),
          message: z.string(),
        }),
      )
      .optional()
      .meta({ description: 'validation problems: one per refused field' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

export const healthSchema = z.strictObject({ status: z.literal('ok') }).meta({ id: 'Health' });

const share = z.number().min(0).max(1).nullable();

export const aggregateSchema = z
  .strictObject({
    segment: z.string(),
    from: z.string().meta({ description: 'first day (YYYY-MM-DD), or the hour start (ISO) for hour points' }),
    to: z.string().meta({ description: 'last day (inclusive), or the next hour start (exclusive) for hour points' }),
    responses: z.int().min(0),
    promoters: z.int().min(0),
    passives: z.int().min(0),
    detractors: z.int().min(0),
    nps: z.number().min(-100).max(100).nullable(),
    promoterShare: share,
    passiveShare: share,
    detractorShare: share,
    ci95: z
      .strictObject({ low: z.number().min(-100).max(100), high: z.number().min(-100).max(100) })
      .nullable()
      .meta({ description: 'adjusted-Wald 95% interval, null without responses' }),
    marginOfError: z.number().min(0).nullable(),
    scores: z.array(z.int().min(0)).length(11).meta({ description: 'count per score, index = score' }),
  })
  .meta({ id: 'Aggregate' });

export const timeseriesSchema = z
  .strictObject({
    segment: z.string(),
    granularity: z.enum(GRANULARITIES),
    points: z.array(aggregateSchema),
  })
  .meta({ id: 'TimeSeries' });

export const rollingSchema = z
  .strictObject({
    segment: z.string(),
    window: z.union([z.literal(7), z.literal(30), z.literal(90)]),
    points: z.array(aggregateSchema),
  })
  .meta({ id: 'RollingSeries' });

export const segmentsSchema = z
  .strictObject({
    dimensions: z.record(z.string(), z.array(z.string())),
    combinations: z.array(z.array(z.string())).meta({
      description:
        'the configured combinations with aggregates of their own (each sorted), as `segment=d1:v1,d2:v2` takes them',
    }),
  })
  .meta({ id: 'Segments' });

export const submitAnswerSchema = z
  .strictObject({ responseId: z.string(), status: z.enum(['accepted', 'duplicate']) })
  .meta({ id: 'SubmitAnswer' });

export const batchAnswerSchema = z
  .strictObject({
    results: z.array(
      z.strictObject({
        responseId: z.string().nullable(),
        status: z.enum(['accepted', 'duplicate', 'rejected']),
        error: problemSchema.optional(),
      }),
    ),
  })
  .meta({ id: 'BatchAnswer' });

export const statusAnswerSchema = z
  .strictObject({ responseId: z.string(), status: z.enum(['amended', 'unchanged', 'erased']) })
  .meta({ id: 'StatusAnswer' });

export const responseViewSchema = z
  .object({
    responseId: z.string(),
    status: z.enum(['active', 'erased']),
    version: z.int(),
    score: z.int(),
    category: z.enum(['promoter', 'passive', 'detractor']),
    submittedAt: z.string(),
    segments: z.record(z.string(), z.string()),
    comment: z.string().optional(),
    analysis: analysisSchema
      .optional()
      .meta({ description: 'the analysis of the current comment (docs/comment-analysis.md), while a comment exists' }),
    respondentId: z.string().optional(),
    amendedAt: z.string().optional(),
    erasedAt: z.string().optional(),
    followUps: z.array(followUpViewSchema).optional().meta({ description: 'oldest first; absent once erased' }),
    loop: loopSchema.optional().meta({ description: 'absent once erased' }),
    history: z.array(
      z.object({
        version: z.int(),
        type: z.string(),
        schemaVersion: z.int(),
        recordedAt: z.string(),
        data: z.record(z.string(), z.unknown()),
        comment: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'Response' });

/** A page of `GET /v1/responses`: each item as listed, only the fields asked for when `fields` is given. */
export const responsePageSchema = z
  .strictObject({
    items: z.array(listedResponseSchema.partial()),
    nextCursor: z.string().nullable().meta({ description: 'pass as `cursor` for the next page; null at the end' }),
  })
  .meta({ id: 'ResponsePage' });
