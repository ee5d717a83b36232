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
 * one error each, at the key's own path.
 *
 * @example
 * fieldErrorsOf(schema.safeParse({ score: 'x' }).error!); // [{ path: 'score', message: '…' }]
 */
export const fieldErrorsOf = (error: z.ZodError): FieldError[] =>
  error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: joinPath(issue.path, key), message: 'unknown field' }))
      : [{ path: joinPath(issue.path), message: issue.message }],
  );

/** Number of Unicode code points (not UTF-16 units) in a string. */
export const codePointLength = (text: string): number => {
  let length = 0;
  for (const _ of text) length++;
  return length;
};

/** A string with no lone surrogates (storable as UTF-8). */
export const isWellFormed = (text: string): boolean => !/\p{Surrogate}/u.test(text);
