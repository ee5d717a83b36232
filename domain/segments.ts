/** Dimension → value of one response, e.g. `{ region: 'eu', plan: 'pro' }`. */
export type Segments = Readonly<Record<string, string>>;

/** The segment every response belongs to. */
export const ALL_SEGMENT = 'all';

export const DIMENSION_PATTERN = /^[a-z][a-z0-9_]{0,31}$/;
/** Unicode letters (with their combining marks), decimal digits, space, `.`, `_`, `/`, `-`. */
export const SEGMENT_VALUE_PATTERN = /^[\p{L}\p{M}\p{Nd} ._/-]+$/u;
export const MAX_SEGMENT_VALUE_LENGTH = 64;
export const MAX_SEGMENTS = 10;

/** A set of dimensions whose value combinations get their own aggregates, sorted by name. */
export type Combination = readonly string[];

/** `plan:pro,region:eu` — dimensions sorted by name. */
const keyOf = (segments: Segments, dimensions: readonly string[]): string =>
  [...dimensions]
    .sort()
    .map((dimension) => `${dimension}:${segments[dimension]}`)
    .join(',');

/**
 * Every segment key a response counts in: `all`, each `dimension:value`, and each
 * configured combination whose dimensions the response all carries.
 *
 * @example
 * segmentKeysOf({ region: 'eu', plan: 'pro' }, [['region', 'plan']]);
 * // ['all', 'plan:pro', 'region:eu', 'plan:pro,region:eu']
 */
export const segmentKeysOf = (segments: Segments, combinations: readonly Combination[] = []): string[] => {
  const dimensions = Object.keys(segments).sort();
  const singles = dimensions.map((dimension) => keyOf(segments, [dimension]));
  const combined = combinations
    .filter((combination) => combination.every((dimension) => Object.hasOwn(segments, dimension)))
    .map((combination) => keyOf(segments, combination));
  return [ALL_SEGMENT, ...singles, ...combined];
};

/** Normalises a combination list: each sorted, duplicates removed. */
export const normaliseCombinations = (combinations: readonly Combination[]): Combination[] => {
  const seen = new Map<string, Combination>();
  for (const combination of combinations) {
    const sorted = [...new Set(combination)].sort();
    seen.set(sorted.join(','), sorted);
  }
  return [...seen.values()];
};

export type SegmentParseResult = { ok: true; segment: string } | { ok: false; message: string };

/**
 * Validates a `segment` query parameter: `all`, `dimension:value`, or a configured
 * combination `d1:v1,d2:v2` (any order; answered under its canonical, sorted key).
 *
 * @example
 * parseSegment('region:eu,plan:pro', [['plan', 'region']]); // { ok: true, segment: 'plan:pro,region:eu' }
 */
const parsePair = (part: string): { ok: true; dimension: string; value: string } | { ok: false; message: string } => {
  const colon = part.indexOf(':');
  const dimension = part.slice(0, colon);
  const value = part.slice(colon + 1);
  if (colon < 0 || !DIMENSION_PATTERN.test(dimension)) {
    return { ok: false, message: `"${part}" is not dimension:value (dimension ${DIMENSION_PATTERN.source})` };
  }
  if (!SEGMENT_VALUE_PATTERN.test(value) || [...value].length > MAX_SEGMENT_VALUE_LENGTH) {
    return { ok: false, message: `"${value}" is not a valid segment value` };
  }
  return { ok: true, dimension, value };
};

export const parseSegment = (text: string, combinations: readonly Combination[] = []): SegmentParseResult => {
  const value = text.normalize('NFC');
  if (value === ALL_SEGMENT) return { ok: true, segment: ALL_SEGMENT };
  // a Map, not an object: dimension names such as `constructor` are data
  const pairs = new Map<string, string>();
  for (const part of value.split(',')) {
    const pair = parsePair(part);
    if (!pair.ok) return pair;
    if (pairs.has(pair.dimension)) return { ok: false, message: `dimension "${pair.dimension}" appears twice` };
    pairs.set(pair.dimension, pair.value);
  }
  const dimensions = [...pairs.keys()].sort();
  if (dimensions.length > 1 && !combinations.some((c) => c.join(',') === dimensions.join(','))) {
    const configured = combinations.map((c) => c.join('+')).join(', ') || 'none';
    return { ok: false, message: `combination ${dimensions.join('+')} is not configured (configured: ${configured})` };
  }
  return { ok: true, segment: keyOf(Object.fromEntries(pairs), dimensions) };
};

/**
 * Most configured combinations: a response with 10 dimensions and every combination
 * touches (1 + 10 + 12) × 4 = 92 counters, which still fits one DynamoDB transaction
 * (100 items) together with the projector's bookkeeping items.
 */
export const MAX_COMBINATIONS = 12;

/**
 * Parses configured combinations, `plan+region,channel+region` (each 2+ dimensions).
 *
 * @example
 * parseCombinations('region+plan'); // { ok: true, value: [['plan', 'region']] }
 */
export const parseCombinations = (
  text: string,
): { ok: true; value: Combination[] } | { ok: false; message: string } => {
  const sets = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => part.split('+').map((d) => d.trim()));
  for (const set of sets) {
    if (set.length < 2)
      return { ok: false, message: `"${set.join('+')}" must name at least two dimensions joined by +` };
    const bad = set.find((dimension) => !DIMENSION_PATTERN.test(dimension));
    if (bad !== undefined)
      return { ok: false, message: `"${bad}" is not a dimension name (${DIMENSION_PATTERN.source})` };
  }
  const value = normaliseCombinations(sets);
  if (value.length > MAX_COMBINATIONS) return { ok: false, message: `at most ${MAX_COMBINATIONS} combinations` };
  return { ok: true, value };
};
