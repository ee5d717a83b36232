import fc from 'fast-check';
import { isPathAddressable } from '../../domain/validation';

/** Valid response ids. */
export const responseIdArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,40}$/);

/** Valid segment maps (0–10 entries) with values of letters, digits and the allowed punctuation. */
export const segmentsArb = fc.dictionary(
  fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/),
  fc.stringMatching(/^[A-Za-z0-9éüß東京 ._/-]{1,20}$/),
  { maxKeys: 10 },
);

/** An instant between 2000 and "now" (2026-11-23) as ISO with Z or an offset. */
export const submittedAtArb = fc
  .tuple(
    fc.integer({ min: Date.UTC(2000, 0, 2), max: Date.UTC(2026, 10, 22) }),
    fc.constantFrom('Z', '+01:00', '-05:30', '+14:00'),
  )
  .map(([ms, offset]) => {
    if (offset === 'Z') return new Date(ms).toISOString();
    const sign = offset.startsWith('-') ? -1 : 1;
    const [h, m] = offset.slice(1).split(':').map(Number) as [number, number];
    const local = new Date(ms + sign * (h * 60 + m) * 60_000).toISOString().slice(0, 19);
    return `${local}${offset}`;
  });

/** A valid submission body. */
export const submissionArb = fc.record(
  {
    responseId: responseIdArb,
    score: fc.integer({ min: 0, max: 10 }),
    submittedAt: submittedAtArb,
    segments: segmentsArb,
    comment: fc.string({ maxLength: 200, unit: 'grapheme' }),
    // an id URL paths can carry back: a visible character, not only dots
    respondentId: fc.string({ minLength: 1, maxLength: 40 }).filter(isPathAddressable),
  },
  { requiredKeys: ['responseId', 'score', 'submittedAt'] },
);

/** "Now" for validation in tests: 2026-11-23T12:00:00Z. */
export const TEST_NOW = Date.UTC(2026, 10, 23, 12);
