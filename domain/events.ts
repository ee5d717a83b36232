import * as z from 'zod';
import { CorruptEventError } from './errors';
import { commentLanguageSchema, scoreSchema } from './submission';

/**
 * The stored events of one response stream. Each carries a `schemaVersion` so that a
 * future shape can be upcast when read. Personal data (comment, respondentId) is never
 * inside an event: events only say whether the response has one, and the data lives in
 * a separate, erasable record keyed by the response.
 */
const isoInstant = z.iso.datetime({ offset: true });
const segmentMap = z.record(z.string(), z.string());

export const responseSubmittedV1 = z.strictObject({
  type: z.literal('ResponseSubmitted'),
  schemaVersion: z.literal(1),
  data: z.strictObject({
    score: scoreSchema,
    submittedAt: isoInstant,
    segments: segmentMap,
    hasComment: z.boolean(),
    hasRespondentId: z.boolean(),
    /** The comment language the sender declared, if any. */
    language: commentLanguageSchema.optional(),
  }),
});

export const responseAmendedV1 = z.strictObject({
  type: z.literal('ResponseAmended'),
  schemaVersion: z.literal(1),
  data: z.strictObject({
    /** The new score; absent when only the comment changed. */
    score: scoreSchema.optional(),
    /** True when this amendment replaced the comment (kept in the personal-data record). */
    commentAmended: z.boolean(),
    amendedAt: isoInstant,
  }),
});

export const responseErasedV1 = z.strictObject({
  type: z.literal('ResponseErased'),
  schemaVersion: z.literal(1),
  data: z.strictObject({ erasedAt: isoInstant }),
});

/** A follow-up of the response (close the loop); its note and `by` are personal data, kept beside the comment. */
export const followUpRecordedV1 = z.strictObject({
  type: z.literal('FollowUpRecorded'),
  schemaVersion: z.literal(1),
  data: z.strictObject({
    followUpId: z.string(),
    status: z.enum(['contacted', 'resolved', 'no_answer', 'wont_fix']),
    channel: z.enum(['phone', 'email', 'chat', 'visit', 'other']).optional(),
    at: isoInstant,
    hasNote: z.boolean(),
    hasBy: z.boolean(),
  }),
});

export const responseEventSchema = z.discriminatedUnion('type', [
  responseSubmittedV1,
  responseAmendedV1,
  responseErasedV1,
  followUpRecordedV1,
]);

export type ResponseEvent = z.infer<typeof responseEventSchema>;
export type ResponseSubmitted = z.infer<typeof responseSubmittedV1>;
export type ResponseAmended = z.infer<typeof responseAmendedV1>;
export type ResponseErased = z.infer<typeof responseErasedV1>;
export type FollowUpRecorded = z.infer<typeof followUpRecordedV1>;

/** An event as appended to a response's stream: its position and when it was recorded. */
export type StoredEvent = ResponseEvent & {
  responseId: string;
  /** 1, 2, … within the response's stream. */
  version: number;
  /** Server time of the append (ISO). */
  recordedAt: string;
};

/**
 * Validates an event read back from storage; throws `CorruptEventError` with the reason
 * when it does not match any known event schema.
 */
export const parseStoredEvent = (raw: Record<string, unknown>): StoredEvent => {
  const event = responseEventSchema.safeParse({ type: raw.type, schemaVersion: raw.schemaVersion, data: raw.data });
  if (
    !event.success ||
    typeof raw.responseId !== 'string' ||
    typeof raw.version !== 'number' ||
    typeof raw.recordedAt !== 'string'
  ) {
    throw new CorruptEventError(
      `${String(raw.responseId)}@${String(raw.version)}: ${event.error?.message ?? 'bad envelope'}`,
    );
  }
  return { ...event.data, responseId: raw.responseId, version: raw.version, recordedAt: raw.recordedAt };
};
