import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../../../functions/shared/http';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../../functions/shared/json-depth';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('JSON nesting depth', () => {
  it('counts objects and arrays, not brackets inside strings (escaped quotes included)', () => {
    expect(nestsDeeperThan('{"a":[{"b":1}]}', 2)).toBe(true);
    expect(nestsDeeperThan('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(nestsDeeperThan('{"a":"[[[[{{{{"}', 1)).toBe(false);
    expect(nestsDeeperThan(JSON.stringify({ a: '\\"[[[[' }), 1)).toBe(false);
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
  });

  it('refuses a deep body with a 400 before parsing it; parses the rest', () => {
    expect(() => parseJsonText(nested(100_000))).toThrow(expect.objectContaining({ status: 400 }));
    expect(parseJsonText('{"score":9}')).toEqual({ score: 9 });
    expect(() => parseJsonText('{')).toThrow(expect.objectContaining({ status: 400 }));
  });
});
