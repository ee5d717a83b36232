import { describe, expect, it } from 'vitest';
import { aggregateOf } from '../../../domain/nps';
import { CSV_COLUMNS, csvTable, toCsv } from '../../../functions/query-api/csv';

describe('CSV of aggregates', () => {
  it('has the header row, one CRLF-ended row per aggregate, empty fields for nulls, quoted fields where needed', () => {
    const full = aggregateOf('plan:pro,region:eu', '2026-11-01', '2026-11-30', [1, 0, 0, 0, 0, 0, 0, 2, 0, 0, 3]);
    const empty = aggregateOf('region:a "b"', '2026-12-01', '2026-12-01', new Array(11).fill(0));
    const lines = toCsv([full, empty]).split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines[1]!.startsWith('"plan:pro,region:eu",2026-11-01,2026-11-30,6,3,2,1,33.33')).toBe(true);
    expect(lines[1]!.endsWith(',1,0,0,0,0,0,0,2,0,0,3')).toBe(true);
    expect(lines[2]).toBe(`"region:a ""b""",2026-12-01,2026-12-01,0,0,0,0,,,,,,,,${new Array(11).fill(0).join(',')}`);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });
});

describe('CSV cells a spreadsheet would run', () => {
  it(
    "prefixes text starting with =, +, -, @, tab or CR with ' (OWASP); leaves numbers and other text as they " + 'are',
    () => {
      const row = (value: string | number | null) => csvTable(['x'], [[value]]).split('\r\n')[1];
      expect(row('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
      expect(['+1+1', '-1+1', '@SUM(1+1)', '\tx', '\rx'].map(row)).toEqual([
        "'+1+1",
        "'-1+1",
        "'@SUM(1+1)",
        "'\tx",
        `"'\rx"`,
      ]);
      expect([row(-12.5), row('cust-42'), row('a=b'), row(null)]).toEqual(['-12.5', 'cust-42', 'a=b', '']);
    },
  );
});
