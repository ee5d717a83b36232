import * as z from 'zod';
import type { Analysis } from '../../../domain/analysis/analyze';
import { analysisSchema } from '../../../domain/analysis/schema';
import { InvariantError } from '../../../domain/errors';
import { loopOf } from '../../../domain/follow-up';
import type { ResponseState } from '../../../domain/response';
import { CATEGORIES, type Category, categoryOf } from '../../../domain/score';
import { followUpViewSchema, loopSchema } from '../../shared/follow-up-schemas';
import { followUpView } from '../../shared/response-view';

/** A response as `GET /v1/responses` lists it: its current state, without its history. */
export const listedResponseSchema = z
  .strictObject({
    responseId: z.string(),
    status: z.enum(['active', 'erased']),
    version: z
      .int()
      .optional()
      .meta({ description: 'the version of the response its state is at (absent once erased)' }),
    score: z.int().min(0).max(10).optional(),
    category: z.enum(CATEGORIES as [Category, ...Category[]]).optional(),
    submittedAt: z.string().optional(),
    segments: z.record(z.string(), z.string()).optional(),
    comment: z.string().optional(),
    analysis: analysisSchema
      .optional()
      .meta({ description: 'the analysis of the current comment, while there is one' }),
    respondentId: z.string().optional(),
    amendedAt: z.string().optional(),
    followUps: z.array(followUpViewSchema).optional().meta({ description: 'oldest first, with note and by' }),
    loop: loopSchema.optional(),
    updatedAt: z.string().meta({ description: 'when this state was indexed (what updatedSince compares with)' }),
  })
  .meta({ id: 'ListedResponse' });

export type ListedResponse = z.infer<typeof listedResponseSchema>;

/** The state a live response shows in the index, personal data included while it has some. */
export const listedResponseOf = (state: ResponseState, updatedAt: string): ListedResponse => ({
  responseId: state.responseId,
  status: 'active',
  version: state.version,
  score: state.score,
  category: categoryOf(state.score),
  submittedAt: state.submittedAt,
  segments: state.segments,
  ...(state.comment !== undefined ? { comment: state.comment } : {}),
  ...(state.comment !== undefined && state.commentAnalysis ? { analysis: state.commentAnalysis as Analysis } : {}),
  ...(state.respondent?.id !== undefined ? { respondentId: state.respondent.id } : {}),
  ...(state.amendedAt ? { amendedAt: state.amendedAt } : {}),
  followUps: (state.followUps ?? []).map((f) => followUpView(f, state.followUpNotes ?? {})),
  loop: loopOf(state),
  updatedAt,
});

/** What an erased response leaves in the index: that it was erased, and when (no personal data, nothing else). */
export const tombstoneOf = (responseId: string, updatedAt: string): ListedResponse => ({
  responseId,
  status: 'erased',
  updatedAt,
});

/**
 * A listed response as its document stores it (one JSON attribute, and the response's
 * version beside it so that a write can compare versions without parsing), and its place
 * in the change feed.
 */
export const documentOf = (listed: ListedResponse) => ({
  attributes: { item: JSON.stringify(listed), responseVersion: listed.version ?? 0 },
  listKey: `${listed.updatedAt}#${listed.responseId}`,
});

/** The version of the response a stored document holds (0 for a tombstone). */
export const storedVersionOf = (attributes: Record<string, unknown>): number => {
  const version = attributes.responseVersion;
  if (typeof version !== 'number') throw new InvariantError('malformed response index item: no version');
  return version;
};

/** A stored document read back; anything else is a broken invariant. */
export const listedOf = (attributes: Record<string, unknown>): ListedResponse => {
  const parsed =
    typeof attributes.item === 'string' ? listedResponseSchema.safeParse(JSON.parse(attributes.item)) : undefined;
  if (!parsed?.success) throw new InvariantError('malformed response index item');
  return parsed.data;
};
