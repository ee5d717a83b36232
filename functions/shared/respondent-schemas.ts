import * as z from 'zod';
import { CATEGORIES } from '../../domain/score';
import { MAX_RESPONDENT_ID_LENGTH } from '../../domain/submission';
import { codePointLength, isWellFormed } from '../../domain/validation';
import { validationProblem } from './problems';

/** Answers of the respondent endpoints (docs/respondents.md): the OpenAPI components and the tests' checks. */
const category = z.enum(CATEGORIES as ['detractor', 'passive', 'promoter']);

const viewedResponseSchema = z.strictObject({
  responseId: z.string(),
  score: z.int().min(0).max(10),
  category,
  submittedAt: z.string().meta({ description: 'event time (ISO, UTC)' }),
  segments: z.record(z.string(), z.string()),
});

export const respondentViewSchema = z
  .strictObject({
    respondentId: z.string(),
    responses: z
      .int()
      .min(1)
      .meta({ description: 'responses of this respondent as they now stand (erased ones not counted)' }),
    latest: viewedResponseSchema.meta({ description: 'latest by submittedAt (event time), not by arrival' }),
    previous: viewedResponseSchema.nullable(),
    averageScore: z.number().min(0).max(10),
    categoryChange: z
      .enum(['up', 'down', 'same'])
      .nullable()
      .meta({ description: 'previous → latest category; null with one response' }),
    risk: z.strictObject({
      atRisk: z.boolean(),
      probability: z
        .number()
        .min(0)
        .max(1)
        .meta({ description: 'estimated probability that the next response is a detractor' }),
      reasons: z.array(z.enum(['category_down', 'score_drop', 'negative_comment', 'model'])),
    }),
    updatedAt: z.string().meta({ description: 'when this view last changed (what updatedSince compares with)' }),
  })
  .meta({ id: 'Respondent' });

export const respondentPageSchema = z
  .strictObject({
    items: z.array(respondentViewSchema),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'pass as `cursor` for the next page; null at the end of the list' }),
  })
  .meta({ id: 'RespondentPage' });

const cell = z.strictObject({ count: z.int().min(0), share: z.number().min(0).max(1).nullable() });
const row = z.strictObject({
  total: z.int().min(0),
  to: z.strictObject({ detractor: cell, passive: cell, promoter: cell }),
});

export const transitionsSchema = z
  .strictObject({
    segment: z.string(),
    from: z.string(),
    to: z.string(),
    total: z.int().min(0).meta({ description: 'pairs of consecutive responses whose later one falls in from..to' }),
    rows: z
      .strictObject({ detractor: row, passive: row, promoter: row })
      .meta({ description: 'from category → next category' }),
  })
  .meta({ id: 'Transitions' });

export const eligibilitySchema = z
  .strictObject({
    respondentId: z.string(),
    eligible: z.boolean().meta({ description: 'true when the person may be surveyed now' }),
    lastSubmittedAt: z.string().nullable().meta({ description: 'their latest response; null when never seen' }),
    nextEligibleAt: z.string().nullable().meta({ description: 'lastSubmittedAt + minDays; null when never seen' }),
  })
  .meta({ id: 'Eligibility' });

export const respondentErasureSchema = z
  .strictObject({
    respondentId: z.string(),
    status: z.literal('erased'),
    responses: z.int().min(0).meta({ description: 'responses of this person erased' }),
  })
  .meta({ id: 'RespondentErasure' });

/** The respondentId of a path, decoded; 400 (`respondentId`) when empty or longer than an id may be. */
export const pathRespondentId = (text: string | undefined): string => {
  const id = text ?? '';
  if (!id.length || codePointLength(id) > MAX_RESPONDENT_ID_LENGTH || !isWellFormed(id)) {
    throw validationProblem([
      {
        path: 'respondentId',
        message: `must be 1–${MAX_RESPONDENT_ID_LENGTH} characters (percent-encoded in the path)`,
      },
    ]);
  }
  return id;
};
