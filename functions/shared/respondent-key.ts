import { createHash } from 'node:crypto';

/**
 * The key a respondent's projected items are stored under: a SHA-256 of the respondentId
 * (base64url, 128 bits), so that an erasure's remnant can name the respondent view to
 * update without holding the id itself, and ids of any length or character make keys.
 *
 * @example
 * respondentKeyOf('crm-42'); // 'q0Ctd…' (22 characters)
 */
export const respondentKeyOf = (respondentId: string): string =>
  createHash('sha256').update(respondentId, 'utf8').digest('base64url').slice(0, 22);
