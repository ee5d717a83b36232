import * as z from 'zod';

/**
 * Entries of the transactional outbox. A `chunk` entry is written by the projector in the
 * last transaction of a chunk: the segments whose counters it changed (one
 * `NpsAggregateUpdated` each, and an alert evaluation) and the detractor submissions it
 * counted or amendments that made one (one `DetractorResponseReceived` each), and the
 * promoter submissions (one `PromoterResponseReceived` each). An `alert` entry is written by alert
 * evaluation in the same transaction as the episode state it changes. No personal data:
 * the publisher reads it when publishing, so an erasure in between is honoured.
 */
const eventRefSchema = z.object({ responseId: z.string(), version: z.number() });

export const chunkEntrySchema = z.object({
  id: z.string(),
  kind: z.literal('chunk'),
  occurredAt: z.string(),
  segments: z.array(z.string()),
  /** Refs of the events that made a response a detractor: its submission, or the amendment. */
  detractors: z.array(eventRefSchema),
  /** Refs of the promoter submissions (absent in entries written before referral events existed). */
  promoters: z.array(eventRefSchema).optional(),
  /**
   * Refs of promoter and passive responses of a respondent, submitted or amended: the
   * publisher checks whether each leaves its respondent at risk (`RespondentAtRisk`).
   * `respondent` is the view's key (a hash), never the respondentId.
   */
  atRisk: z.array(eventRefSchema.extend({ respondent: z.string() })).optional(),
  /** Refs of the follow-ups recorded (`FollowUpRecorded`, published without note or `by`). */
  followUps: z.array(eventRefSchema).optional(),
  expiresAt: z.number(),
});

export const alertEntrySchema = z.object({
  id: z.string(),
  kind: z.literal('alert'),
  detailType: z.enum(['DetractorShareSpiked', 'DetractorShareRecovered']),
  occurredAt: z.string(),
  data: z.record(z.string(), z.unknown()),
  expiresAt: z.number(),
});

export const outboxEntrySchema = z.discriminatedUnion('kind', [chunkEntrySchema, alertEntrySchema]);

export type ChunkEntry = z.infer<typeof chunkEntrySchema>;
export type AlertEntry = z.infer<typeof alertEntrySchema>;
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

/** How long outbox entries are kept after they are written (the stream keeps 24 h). */
export const OUTBOX_TTL_SECONDS = 7 * 86_400;
