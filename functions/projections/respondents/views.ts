import * as z from 'zod';
import { InvariantError } from '../../../domain/errors';
import type { RespondentResponse } from '../../../domain/respondents/history';

/**
 * A respondent view as a document: the respondentId, the responses as JSON (compact
 * tuples) and when it last changed, which also places it in the list by update
 * (`updatedAt#key`) that CRM sync pages through.
 */
export const VIEW_MODEL = 'respondent';

/** A view as the read side answers it. */
export interface ProjectedView {
  key: string;
  respondentId: string;
  responses: RespondentResponse[];
  version: number;
  updatedAt: string;
}

const responsesSchema = z.array(
  z.tuple([
    z.string(),
    z.number().int(),
    z.string(),
    z.record(z.string(), z.string()),
    z.enum(['positive', 'negative', 'neutral', 'mixed']).nullable().optional(),
    z.string().optional(),
  ]),
);
const attributesSchema = z.object({ id: z.string(), responses: z.string(), updatedAt: z.string() });

/** The responses of a view as stored: compact tuples, in the view's order. */
export const encodeResponses = (responses: readonly RespondentResponse[]) =>
  JSON.stringify(
    responses.map((r) => [
      r.responseId,
      r.score,
      r.submittedAt,
      r.segments,
      // the sentiment, then (with a null sentiment when it has none) when it was first contacted
      ...(r.firstContactAt
        ? [r.commentSentiment ?? null, r.firstContactAt]
        : r.commentSentiment
          ? [r.commentSentiment]
          : []),
    ]),
  );

/** A stored view's attributes read back (anything else is a broken invariant). */
export const viewOf = (attributes: Record<string, unknown>): Omit<ProjectedView, 'key' | 'version'> => {
  const parsed = attributesSchema.safeParse(attributes);
  const responses = parsed.success ? responsesSchema.safeParse(JSON.parse(parsed.data.responses)) : undefined;
  if (!parsed.success || !responses?.success) throw new InvariantError('malformed respondent item');
  return {
    respondentId: parsed.data.id,
    updatedAt: parsed.data.updatedAt,
    responses: responses.data.map(([responseId, score, submittedAt, segments, commentSentiment, firstContactAt]) => ({
      responseId,
      score,
      submittedAt,
      segments,
      ...(commentSentiment ? { commentSentiment } : {}),
      ...(firstContactAt ? { firstContactAt } : {}),
    })),
  };
};

/** A view's attributes and its place in the list by update. */
export const viewDocument = (view: {
  key: string;
  respondentId: string;
  responses: readonly RespondentResponse[];
  updatedAt: string;
}) => ({
  attributes: { id: view.respondentId, responses: encodeResponses(view.responses), updatedAt: view.updatedAt },
  listKey: `${view.updatedAt}#${view.key}`,
});
