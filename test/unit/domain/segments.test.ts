import { describe, expect, it } from 'vitest';
import { parseSegment, segmentKeysOf } from '../../../domain/segments';

describe('segment keys', () => {
  it('counts a response in all, each dimension and each configured combination it has', () => {
    expect(
      segmentKeysOf({ region: 'eu', plan: 'pro', channel: 'email' }, [
        ['region', 'plan'],
        ['survey', 'region'],
      ]),
    ).toEqual(['all', 'channel:email', 'plan:pro', 'region:eu', 'plan:pro,region:eu']);
    expect(segmentKeysOf({})).toEqual(['all']);
  });
});

describe('segment parameter', () => {
  const combos = [['plan', 'region']];
  it('accepts all, single dimensions and configured combinations in any order', () => {
    expect(parseSegment('all')).toEqual({ ok: true, segment: 'all' });
    expect(parseSegment('region:eu')).toEqual({ ok: true, segment: 'region:eu' });
    expect(parseSegment('region:eu,plan:pro', combos)).toEqual({ ok: true, segment: 'plan:pro,region:eu' });
    expect(parseSegment('region:Cafe\u0301')).toEqual({ ok: true, segment: 'region:Caf\u00e9' });
  });

  it('refuses malformed and unconfigured segments with a reason', () => {
    for (const bad of [
      '',
      'region',
      'Region:eu',
      'region:',
      'region:a,region:b',
      'channel:x,region:eu',
      'region:eu;drop',
      `region:${'x'.repeat(65)}`,
    ]) {
      const result = parseSegment(bad, combos);
      expect(result.ok, bad).toBe(false);
    }
  });
});
