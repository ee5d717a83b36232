import * as z from 'zod';
import type { Analysis } from '../../domain/analysis/analyze';
import { analysisSchema, analysisSummarySchema } from '../../domain/analysis/schema';
import type { AnalysisSummary } from '../../domain/analysis/summary';
import type { PersonalData } from '../../domain/personal-data';
import { PERSONAL_DATA_TABLE } from '../../infra/tables';
import type { TransactItem } from './dynamodb';
import type { PersonalDataChange } from './event-store';

/**
 * The personal-data item of a response: `respondentId`, per version that set a comment
 * `comment_v<n>` and its `analysis_v<n>`, and per follow-up with a note or `by`
 * `followup_v<n>`. After an erasure, until the projections
 * have taken the response out: only `erasedAt`, `summary_v<n>`, the respondent view's
 * `respondentKey` (a hash, not the id) and `expiresAt`.
 */
export const PERSON_KEY = PERSONAL_DATA_TABLE.partitionKey.name;
const COMMENT = 'comment_v';
const ANALYSIS = 'analysis_v';
const SUMMARY = 'summary_v';
const FOLLOW_UP = 'followup_v';
const followUpNoteSchema = z.strictObject({ note: z.string().optional(), by: z.string().optional() });
const ERASED = 'erasedAt';
/** How long an erasure's summaries may wait for the projections before they expire anyway. */
const SUMMARY_TTL_SECONDS = 2 * 86_400;

const RESPONDENT_KEY = 'respondentKey';
const itemSchema = z.looseObject({ respondentId: z.string().optional(), [RESPONDENT_KEY]: z.string().optional() });

const byVersion = <T>(item: Record<string, unknown>, prefix: string, parse: (value: unknown) => T): Record<number, T> =>
  Object.fromEntries(
    Object.entries(item)
      .filter(([name]) => name.startsWith(prefix))
      .map(([name, value]) => [Number(name.slice(prefix.length)), parse(value)]),
  );

/** An item read back, parsed. */
export const personalDataOf = (item: Record<string, unknown> | undefined): PersonalData | undefined => {
  if (!item) return undefined;
  const { respondentId, [RESPONDENT_KEY]: erasedRespondentKey } = itemSchema.parse(item);
  const summaries = byVersion(item, SUMMARY, (value) => analysisSummarySchema.parse(value));
  return {
    ...(respondentId !== undefined ? { respondentId } : {}),
    comments: byVersion(item, COMMENT, (value) => z.string().parse(value)),
    analyses: byVersion(item, ANALYSIS, (value) => analysisSchema.parse(value) as Analysis),
    ...(Object.keys(item).some((name) => name.startsWith(FOLLOW_UP))
      ? { followUps: byVersion(item, FOLLOW_UP, (value) => followUpNoteSchema.parse(value)) }
      : {}),
    ...(ERASED in item ? { erasedSummaries: summaries } : {}),
    ...(erasedRespondentKey !== undefined ? { erasedRespondentKey } : {}),
  };
};

/** The item a submission puts (none without comment and respondentId). */
export const submissionItem = (
  responseId: string,
  personal: { comment?: string; respondentId?: string; analysis?: Analysis },
) => {
  const { comment, respondentId, analysis } = personal;
  if (comment === undefined && respondentId === undefined) return undefined;
  return {
    [PERSON_KEY]: responseId,
    ...(respondentId !== undefined ? { respondentId } : {}),
    ...(comment !== undefined ? { [`${COMMENT}1`]: comment } : {}),
    ...(comment !== undefined && analysis ? { [`${ANALYSIS}1`]: analysis } : {}),
  };
};

const remnant = (
  responseId: string,
  erase: { erase: Record<number, AnalysisSummary>; respondentKey?: string },
  recordedAt: string,
) => ({
  [PERSON_KEY]: responseId,
  [ERASED]: recordedAt,
  expiresAt: Math.floor(Date.parse(recordedAt) / 1000) + SUMMARY_TTL_SECONDS,
  ...(erase.respondentKey !== undefined ? { [RESPONDENT_KEY]: erase.respondentKey } : {}),
  ...Object.fromEntries(Object.entries(erase.erase).map(([version, summary]) => [`${SUMMARY}${version}`, summary])),
});

/** The writes an append makes to the personal-data item: a new comment and its analysis, a follow-up's note, or an erasure. */
export const personalDataWrites = (
  table: string,
  append: { responseId: string; version: number; change: PersonalDataChange; recordedAt: string },
): TransactItem[] => {
  const { responseId, version, change } = append;
  if (change === undefined) return [];
  const key = { [PERSON_KEY]: responseId };
  if (
    change === 'erase' ||
    ('erase' in change && !Object.keys(change.erase).length && change.respondentKey === undefined)
  ) {
    return [{ Delete: { TableName: table, Key: key } }];
  }
  if ('erase' in change) return [{ Put: { TableName: table, Item: remnant(responseId, change, append.recordedAt) } }];
  if ('followUp' in change) {
    return [
      {
        Update: {
          TableName: table,
          Key: key,
          UpdateExpression: 'SET #followUp = :followUp',
          ExpressionAttributeNames: { '#followUp': `${FOLLOW_UP}${version}` },
          ExpressionAttributeValues: { ':followUp': change.followUp },
        },
      },
    ];
  }
  const analysis = change.analysis ? { ', #analysis = :analysis': change.analysis } : {};
  return [
    {
      Update: {
        TableName: table,
        Key: key,
        UpdateExpression: `SET #comment = :comment${Object.keys(analysis).join('')}`,
        ExpressionAttributeNames: {
          '#comment': `${COMMENT}${version}`,
          ...(change.analysis ? { '#analysis': `${ANALYSIS}${version}` } : {}),
        },
        ExpressionAttributeValues: {
          ':comment': change.comment,
          ...(change.analysis ? { ':analysis': change.analysis } : {}),
        },
      },
    },
  ];
};

/** A delete of an erasure's remnant, only if it is one. */
export const forgetErasedDelete = (responseId: string) => ({
  Key: { [PERSON_KEY]: responseId },
  ConditionExpression: 'attribute_exists(#erased)',
  ExpressionAttributeNames: { '#erased': ERASED },
});

/** An update of one comment's analysis, only while that comment is stored. */
export const analysisUpdate = ({
  responseId,
  version,
  analysis,
}: {
  responseId: string;
  version: number;
  analysis: Analysis;
}) => ({
  Key: { [PERSON_KEY]: responseId },
  UpdateExpression: 'SET #analysis = :analysis',
  ConditionExpression: 'attribute_exists(#comment)',
  ExpressionAttributeNames: { '#analysis': `${ANALYSIS}${version}`, '#comment': `${COMMENT}${version}` },
  ExpressionAttributeValues: { ':analysis': analysis },
});
