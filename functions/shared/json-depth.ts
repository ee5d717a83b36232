/**
 * How deep a JSON body may nest objects and arrays. The deepest body of the API nests 4
 * levels (`{"responses":[{"segments":{…}}]}`); 32 leaves room, and keeps every value far
 * from the recursion limits of the code that later walks it (`JSON.stringify`, the event
 * printer), which overflow the stack a few thousand levels down.
 */
export const MAX_JSON_DEPTH = 32;

/** JSON strings (whose brackets are text) and the brackets outside them. */
const STRINGS = /"[^"\\]*(?:\\.[^"\\]*)*"/g;
const BRACKETS = /[[\]{}]/g;

/**
 * True when `text` nests objects or arrays deeper than `limit`: strings set aside, brackets
 * counted, without parsing it (so a hostile body costs its length
 * and nothing more).
 *
 * @example
 * nestsDeeperThan('{"a":[{"b":1}]}', 2); // true
 * nestsDeeperThan('{"a":"[[[["}', 1); // false
 */
export const nestsDeeperThan = (text: string, limit: number): boolean => {
  let depth = 0;
  for (const [bracket] of text.replace(STRINGS, '""').matchAll(BRACKETS)) {
    depth += bracket === '{' || bracket === '[' ? 1 : -1;
    if (depth > limit) return true;
  }
  return false;
};
