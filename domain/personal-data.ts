/**
 * The erasable personal data of one response, kept outside the immutable events: the
 * respondentId, and the comment each stream version set (1 = the submission's).
 */
export interface PersonalData {
  respondentId?: string;
  /** Comment per stream version that set it. */
  comments: Record<number, string>;
}

/**
 * The comment a response currently shows: the one set by the latest version.
 *
 * @example
 * currentComment({ comments: { 1: 'slow', 3: 'slow but friendly' } }); // 'slow but friendly'
 */
export const currentComment = (personalData: PersonalData | undefined): string | undefined => {
  const versions = Object.keys(personalData?.comments ?? {}).map(Number);
  return versions.length ? personalData!.comments[Math.max(...versions)] : undefined;
};
