import { describe, expect, it } from 'vitest';
import { entrySize, OversizedEntryError, packEntries } from '../../../functions/publisher/pack';
import { aggregateUpdatedEntry as entry } from '../../support/put-events-entries';

describe('packing PutEvents calls', () => {
  it('packs within 10 entries and 256 KB by the entry-size formula', () => {
    expect(
      entrySize({
        Source: 'nps.backend',
        DetailType: 'X',
        Detail: '{"a":"é"}',
        Time: new Date(),
        Resources: ['arn:x'],
      }),
    ).toBe(14 + 11 + 1 + 10 + 5);
    const calls = packEntries(Array.from({ length: 23 }, (_, i) => entry(i, 100)));
    expect(calls.map((c) => c.length)).toEqual([10, 10, 3]);
    const big = packEntries(Array.from({ length: 7 }, (_, i) => entry(i, 100_000)));
    expect(big.every((c) => c.reduce((s, e) => s + entrySize(e), 0) <= 256 * 1024)).toBe(true);
    expect(big.map((c) => c.length)).toEqual([2, 2, 2, 1]);
  });

  it('refuses an entry that can never be sent', () => {
    expect(() => packEntries([entry(0, 600_000)])).toThrow(OversizedEntryError);
  });
});
