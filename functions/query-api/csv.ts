import type { Aggregate } from './queries';

export const CSV_COLUMNS = [
  'segment',
  'from',
  'to',
  'responses',
  'promoters',
  'passives',
  'detractors',
  'nps',
  'promoterShare',
  'passiveShare',
  'detractorShare',
  'ci95Low',
  'ci95High',
  'marginOfError',
  ...Array.from({ length: 11 }, (_, score) => `score${score}`),
] as const;

/** Text a spreadsheet would read as a formula (OWASP CSV injection): it starts with `=`, `+`, `-`, `@`, tab or CR. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One RFC 4180 field: quoted when it holds a comma, quote or line break; null is empty. Text
 * that a spreadsheet would run as a formula gets a leading `'` (quoting alone does not stop
 * Excel or LibreOffice); numbers are written as they are, negative ones included.
 *
 * @example
 * field('=HYPERLINK("http://x")'); // '"\'=HYPERLINK(""http://x"")"'
 * field(-12.5); // '-12.5'
 */
export const field = (value: string | number | null): string => {
  if (value === null) return '';
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * Aggregates as CSV with a header row, one row per aggregate (CRLF line ends).
 *
 * @example
 * toCsv([aggregate]); // 'segment,from,to,…\r\nall,2026-11-01,2026-11-30,…\r\n'
 */
export const toCsv = (aggregates: Aggregate[]): string => {
  const rows = aggregates.map((a) =>
    [
      a.segment,
      a.from,
      a.to,
      a.responses,
      a.promoters,
      a.passives,
      a.detractors,
      a.nps,
      a.promoterShare,
      a.passiveShare,
      a.detractorShare,
      a.ci95?.low ?? null,
      a.ci95?.high ?? null,
      a.marginOfError,
      ...a.scores,
    ]
      .map(field)
      .join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].map((row) => `${row}\r\n`).join('');
};

/**
 * Any table as CSV: a header row, then one row per record (CRLF line ends).
 *
 * @example
 * csvTable(['theme', 'mentions'], [['price', 12]]); // 'theme,mentions\r\nprice,12\r\n'
 */
export const csvTable = (columns: readonly string[], rows: readonly (string | number | null)[][]): string =>
  [columns.join(','), ...rows.map((row) => row.map(field).join(','))].map((row) => `${row}\r\n`).join('');
