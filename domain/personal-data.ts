import type { Analysis } from './analysis/analyze';
import { type AnalysisSummary, summarize } from './analysis/summary';

/** What a follow-up says about who did what: personal data, kept beside the comment and erased with it. */
export interface FollowUpNote {
  note?: string;
  by?: string;
}

/**
 * The erasable personal data of one response, kept outside the immutable events: the
 * respondentId, and the comment each stream version set (1 = the submission's).
 */
export interface PersonalData {
  respondentId?: string;
  /** Comment per stream version that set it. */
  comments: Record<number, string>;
  /** The analysis of each comment, by the version that set it (absent for comments stored before analysis existed). */
  analyses: Record<number, Analysis>;
  /** The note and `by` of each follow-up that had one, by the version that recorded it. */
  followUps?: Record<number, FollowUpNote>;
  /**
   * After an erasure, until the projections have taken the response out: the summaries
   * of what they may have counted, by version (no text, no respondentId).
   */
  erasedSummaries?: Record<number, AnalysisSummary>;
  /**
   * After an erasure, until the projections have taken the response out: the key of the respondent view it was in (a
   * hash, not the id).
   */
  erasedRespondentKey?: string;
}

/**
 * The comment a response currently shows: the one set by the latest version.
 *
 * @example
 * currentComment({ comments: { 1: 'slow', 3: 'slow but friendly' } }); // 'slow but friendly'
 */
export const currentComment = (personalData: PersonalData | undefined): string | undefined => {
  const version = currentCommentVersion(personalData);
  return version === undefined ? undefined : personalData!.comments[version];
};

/** The version that set the current comment, if any. */
export const currentCommentVersion = (personalData: PersonalData | undefined): number | undefined => {
  const versions = Object.keys(personalData?.comments ?? {}).map(Number);
  return versions.length ? Math.max(...versions) : undefined;
};

/**
 * The analysis of the comment a version set: the stored one, or (for comments stored before analysis existed) a fresh
 * one.
 */
export const analysisOf = (
  personalData: PersonalData,
  version: number,
  analyze: (text: string) => Analysis,
): Analysis | undefined => {
  const comment = personalData.comments[version];
  return personalData.analyses[version] ?? (comment !== undefined ? analyze(comment) : undefined);
};

/**
 * What an erasure keeps for the projections: the summary of every comment version (they
 * may not have counted the latest yet), without text or respondentId (terms by key only).
 *
 * @example
 * erasureSummaries({ comments: { 1: 'slow' }, analyses: { 1: analysis } }, analyze); // { 1: { language: 'en',
 * sentiment: 'negative', themes: { delay: 'negative' }, terms: [{ key: 'en:slow', … }] } }
 */
export const erasureSummaries = (
  personalData: PersonalData | undefined,
  analyze: (text: string) => Analysis,
): Record<number, AnalysisSummary> =>
  Object.fromEntries(
    Object.keys(personalData?.comments ?? {}).map((version) => {
      const { terms, ...summary } = summarize(
        analysisOf(personalData!, Number(version), analyze)!,
        personalData!.comments[Number(version)],
      );
      // the term keys only (hashes), enough to take the counts out: no word of the comment stays
      return [version, { ...summary, ...(terms ? { terms: terms.map((t) => ({ ...t, text: '' })) } : {}) }];
    }),
  );

/**
 * The summary of what the comment a version set says, as the projections count it: the
 * erasure's remnant if the response was erased, else the stored (or a fresh) analysis.
 */
export const summaryAt = (
  personalData: PersonalData,
  version: number,
  analyze: (text: string) => Analysis,
): AnalysisSummary | undefined => {
  const remnant = personalData.erasedSummaries?.[version];
  if (remnant) return remnant;
  const analysis = analysisOf(personalData, version, analyze);
  return analysis ? summarize(analysis, personalData.comments[version]) : undefined;
};
