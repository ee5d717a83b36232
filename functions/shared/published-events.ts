import * as z from 'zod';
import { analysisSchema } from '../../domain/analysis/schema';
import { CATEGORY_SCORES } from '../../domain/score';
import { aggregateSchema } from './api-schemas';

/**
 * The `detail` of every event the backend publishes: `{ metadata, data }`, with
 * `metadata.id` stable across redeliveries so that consumers can dedupe. The JSON Schemas
 * in docs/events.schema.json are generated from these (`npm run docs:events`), and the
 * publisher validates every detail against them before sending.
 */
const metadata = (type: string) =>
  z.strictObject({
    id: z.string().meta({ description: 'stable across redeliveries: dedupe on it' }),
    type: z.literal(type),
    version: z.literal(1),
    occurredAt: z.string().meta({ format: 'date-time' }),
  });

/**
 * The data of a response event: the response as the event's version left it, with its personal data while it exists.
 */
const responseData = (category: 'detractor' | 'promoter') =>
  z.strictObject({
    responseId: z.string(),
    score: z.int().min(CATEGORY_SCORES[category].min).max(CATEGORY_SCORES[category].max),
    submittedAt: z.string().meta({ format: 'date-time' }),
    segments: z.record(z.string(), z.string()),
    comment: z
      .string()
      .optional()
      .meta({ description: 'absent when none was given or the response was erased before publishing' }),
    analysis: analysisSchema
      .optional()
      .meta({ description: 'language, sentiment and themes of the comment; present with the comment' }),
    respondentId: z
      .string()
      .optional()
      .meta({ description: 'absent when none was given or the response was erased before publishing' }),
  });

export const detractorResponseReceivedSchema = z
  .strictObject({ metadata: metadata('DetractorResponseReceived'), data: responseData('detractor') })
  .meta({
    id: 'DetractorResponseReceived',
    description:
      'one per response that became a detractor: submitted with 0–6, or amended from 7–10 to 0–6; everything a team ' +
      'needs to close the loop',
  });

export const promoterResponseReceivedSchema = z
  .strictObject({ metadata: metadata('PromoterResponseReceived'), data: responseData('promoter') })
  .meta({
    id: 'PromoterResponseReceived',
    description:
      'one per promoter response submitted (9–10), for referral and case-study programmes; must not decide who is ' +
      'asked for public reviews (review gating)',
  });

const standing = z.strictObject({
  score: z.int().min(0).max(10),
  category: z.enum(['detractor', 'passive', 'promoter']),
  submittedAt: z.string().meta({ format: 'date-time' }),
});

export const respondentAtRiskSchema = z
  .strictObject({
    metadata: metadata('RespondentAtRisk'),
    data: z.strictObject({
      respondentId: z.string(),
      responseId: z
        .string()
        .meta({ description: 'the new or amended response that leaves the respondent at risk (their latest)' }),
      latest: standing,
      previous: standing.nullable(),
      probability: z
        .number()
        .min(0)
        .max(1)
        .meta({ description: 'estimated probability that their next response is a detractor' }),
      reasons: z.array(z.enum(['category_down', 'score_drop', 'negative_comment', 'model'])).min(1),
      segments: z.record(z.string(), z.string()).meta({ description: 'of the latest response' }),
    }),
  })
  .meta({
    id: 'RespondentAtRisk',
    description:
      'a promoter or passive whose new or amended response (their latest by event time) leaves them at risk of ' +
      'turning detractor; at most one per response version, none once erased',
  });

export const followUpRecordedSchema = z
  .strictObject({
    metadata: metadata('FollowUpRecorded'),
    data: z.strictObject({
      responseId: z.string(),
      followUpId: z.string(),
      status: z.enum(['contacted', 'resolved', 'no_answer', 'wont_fix']),
      channel: z.enum(['phone', 'email', 'chat', 'visit', 'other']).optional(),
      at: z.string().meta({ format: 'date-time' }),
      score: z.int().min(0).max(10),
      category: z.enum(['detractor', 'passive', 'promoter']),
      submittedAt: z.string().meta({ format: 'date-time' }),
      segments: z.record(z.string(), z.string()),
      loop: z.strictObject({
        status: z.enum(['open', 'none', 'attempted', 'contacted', 'resolved', 'closed']),
        firstContactAt: z.string().nullable(),
        resolvedAt: z.string().nullable(),
      }),
    }),
  })
  .meta({
    id: 'FollowUpRecorded',
    description:
      'one per follow-up recorded on a response (close the loop), for ticketing and CRM workflows; no note and no ' +
      '`by` (personal data): read the response for them',
  });

export const npsAggregateUpdatedSchema = z
  .strictObject({
    metadata: metadata('NpsAggregateUpdated'),
    data: z.strictObject({
      segment: z.string(),
      day: aggregateSchema.meta({ description: 'the current UTC day' }),
      last30: aggregateSchema.meta({ description: 'the 30 UTC days ending today' }),
    }),
  })
  .meta({ id: 'NpsAggregateUpdated', description: 'at most one per segment per projection batch, after the change' });

const period = z.strictObject({
  from: z.string().meta({ format: 'date-time' }),
  to: z.string().meta({ format: 'date-time' }),
  responses: z.int().min(0),
  detractors: z.int().min(0),
  detractorShare: z.number().min(0).max(1).nullable(),
});

const alertData = z.strictObject({
  segment: z.string(),
  alertId: z.string().meta({ description: 'the episode: the same on its Spiked and Recovered events' }),
  window: period.meta({ description: 'the 24 hours of event time ending at evaluation' }),
  baseline: period.meta({ description: 'the 28 days before the window' }),
  lift: z.number().nullable().meta({ description: 'window share minus baseline share' }),
  z: z.number().nullable().meta({ description: 'pooled one-sided two-proportion z' }),
});

export const detractorShareSpikedSchema = z
  .strictObject({ metadata: metadata('DetractorShareSpiked'), data: alertData })
  .meta({
    id: 'DetractorShareSpiked',
    description: "a segment's 24 h detractor share is significantly above its 28-day baseline; one per episode",
  });
export const detractorShareRecoveredSchema = z
  .strictObject({ metadata: metadata('DetractorShareRecovered'), data: alertData })
  .meta({
    id: 'DetractorShareRecovered',
    description: 'ends the episode: the lift fell below half the threshold, or the window is empty',
  });

export const PUBLISHED_EVENT_SCHEMAS = {
  DetractorResponseReceived: detractorResponseReceivedSchema,
  PromoterResponseReceived: promoterResponseReceivedSchema,
  RespondentAtRisk: respondentAtRiskSchema,
  FollowUpRecorded: followUpRecordedSchema,
  NpsAggregateUpdated: npsAggregateUpdatedSchema,
  DetractorShareSpiked: detractorShareSpikedSchema,
  DetractorShareRecovered: detractorShareRecoveredSchema,
} as const;

export type PublishedDetailType = keyof typeof PUBLISHED_EVENT_SCHEMAS;
