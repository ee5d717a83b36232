import * as z from 'zod';
import { FOLLOW_UP_CHANNELS, FOLLOW_UP_STATUSES, followUpBodySchema, LOOP_STATUSES } from '../../domain/follow-up';

/** A follow-up as the API shows it: with its note and `by` while the response is not erased. */
export const followUpViewSchema = z
  .strictObject({
    followUpId: z.string(),
    status: z.enum(FOLLOW_UP_STATUSES),
    channel: z.enum(FOLLOW_UP_CHANNELS).optional(),
    at: z.string().meta({ format: 'date-time', description: 'when the follow-up happened' }),
    note: z.string().optional(),
    by: z.string().optional(),
  })
  .meta({ id: 'FollowUp' });

/** Where the loop of a response stands. */
export const loopSchema = z
  .strictObject({
    status: z.enum(LOOP_STATUSES as [string, ...string[]]).meta({
      description:
        'open: a detractor with no follow-up yet; none: no follow-up, not a detractor; attempted: only no_answer; ' +
        'contacted; resolved; closed: wont_fix without resolution',
    }),
    firstContactAt: z.string().nullable().meta({ description: 'the earliest contacted or resolved follow-up' }),
    resolvedAt: z.string().nullable().meta({ description: 'the earliest resolved follow-up' }),
  })
  .meta({ id: 'Loop' });

/** The body of `POST /v1/responses/{id}/follow-ups`, as documented. */
export const followUpRequestSchema = followUpBodySchema.meta({ id: 'FollowUpRequest' });

const recoverySchema = z.strictObject({
  answeredAgain: z.int().min(0).meta({ description: 'detractors of the group whose respondent answered again later' }),
  recovered: z.int().min(0).meta({ description: 'of those, how many answered next as passive or promoter' }),
  share: z.number().min(0).max(1).nullable().meta({ description: 'recovered / answeredAgain; null without any' }),
  ci95: z
    .strictObject({ low: z.number(), high: z.number() })
    .nullable()
    .meta({ description: '95% Wilson score interval of the share' }),
});

/** `GET /v1/loop`: the close-the-loop figures of the detractor responses submitted in a range. */
export const loopAnswerSchema = z
  .strictObject({
    segment: z.string(),
    from: z.string(),
    to: z.string(),
    detractors: z.int().min(0).meta({ description: 'responses submitted in the range that are now detractors' }),
    contacted: z.int().min(0).meta({ description: 'of them, with a contacted or resolved follow-up' }),
    contactedShare: z.number().min(0).max(1).nullable(),
    contactedWithin48hShare: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .meta({ description: 'first contact at most 48 hours after submittedAt, of detractors' }),
    medianHoursToFirstContact: z
      .number()
      .min(0)
      .nullable()
      .meta({ description: 'of contacted detractors; minutes exact within 48 h, whole hours after' }),
    resolvedShare: z.number().min(0).max(1).nullable(),
    recovery: z
      .strictObject({
        contacted: recoverySchema.meta({ description: 'first contacted no later than their next response' }),
        notContacted: recoverySchema,
      })
      .meta({ description: 'whether calling back goes with a better next answer (an observation, not a trial)' }),
  })
  .meta({ id: 'LoopFigures' });
