import type { z } from 'zod';

/** One reason a request was refused, at a dotted field path (`segments.region`; `` for the whole body). */
export interface FieldError {
  path: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

const joinPath = (prefix: readonly PropertyKey[], key?: PropertyKey): string =>
  [...prefix, ...(key === undefined ? [] : [key])].map(String).join('.');

/**
 * Field errors of a zod failure, one per issue, with dotted paths. Unknown keys become
 * one error each, at the key's own path; the same message at the same path is given once.
 *
 * @example
 * fieldErrorsOf(schema.safeParse({ score: 'x' }).error!); // [{ path: 'score', message: '…' }]
 */
export const fieldErrorsOf = (error: z.ZodError): FieldError[] => {
  const errors = error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: joinPath(issue.path, key), message: 'unknown field' }))
      : [{ path: joinPath(issue.path), message: issue.message }],
  );
  // two checks can fail with one message (1e308 is neither a safe integer nor ≤ 10): say it once
  return [...new Map(errors.map((e) => [`${e.path}\u0000${e.message}`, e])).values()];
};

/** Number of Unicode code points (not UTF-16 units) in a string. */
export const codePointLength = (text: string): number => {
  let length = 0;
  for (const _ of text) length++;
  return length;
};

/** A string with no lone surrogates (storable as UTF-8). */
export const isWellFormed = (text: string): boolean => !/\p{Surrogate}/u.test(text);

/**
 * True when an id can be carried back in a URL path segment and be told apart from the
 * path around it: not made only of dots (`.` and `..` are dot segments, which URL parsers
 * collapse) nor only of blanks, control or invisible format characters (zero-width, bidi).
 *
 * @example
 * isPathAddressable('cust-42'); // true
 * isPathAddressable('..'); // false
 * isPathAddressable('\u200b \u202e'); // false
 */
export const isPathAddressable = (id: string): boolean =>
  !/^\.+$/.test(id) && /[^\p{White_Space}\p{Cc}\p{Cf}]/u.test(id);

/** Why an id cannot be addressed in a path (the message of a 400). */
export const PATH_ADDRESSABLE_MESSAGE =
  'must hold a visible character and not be only dots (it is addressed in URL paths)';
