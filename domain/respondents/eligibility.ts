/**
 * Survey eligibility (docs/respondents.md): whether a person may be surveyed again, so that
 * nobody is asked more often than the policy allows (Delighted throttles at 30 days by
 * default, AskNicely at 180). A person never seen — or whose responses were all erased — is
 * eligible.
 */
export const DEFAULT_MIN_DAYS = 90;
export const MAX_MIN_DAYS = 730;

const DAY_MS = 86_400_000;

export interface Eligibility {
  respondentId: string;
  eligible: boolean;
  /** The latest `submittedAt` of their responses, or null for a person never seen. */
  lastSubmittedAt: string | null;
  /** `lastSubmittedAt` + `minDays` days, or null for a person never seen. */
  nextEligibleAt: string | null;
}

/**
 * Whether a person whose latest response was submitted at `lastSubmittedAt` may be asked again at `nowMs`.
 *
 * @example
 * eligibilityOf({ respondentId: 'crm-42', lastSubmittedAt: '2026-11-01T00:00:00.000Z', minDays: 90, nowMs });
 * // { respondentId: 'crm-42', eligible: false, lastSubmittedAt: '2026-11-01T…', nextEligibleAt: '2027-01-30T…' }
 */
export const eligibilityOf = ({
  respondentId,
  lastSubmittedAt,
  minDays,
  nowMs,
}: {
  respondentId: string;
  lastSubmittedAt: string | null;
  minDays: number;
  nowMs: number;
}): Eligibility => {
  if (lastSubmittedAt === null) return { respondentId, eligible: true, lastSubmittedAt: null, nextEligibleAt: null };
  const next = Date.parse(lastSubmittedAt) + minDays * DAY_MS;
  return { respondentId, eligible: nowMs >= next, lastSubmittedAt, nextEligibleAt: new Date(next).toISOString() };
};
