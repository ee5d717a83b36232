import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../domain/analysis/analyze';
import { compileTaxonomy } from '../../domain/analysis/taxonomy';
import { seededRandom } from '../support/random';
import { useTestStack } from '../support/stack';
import { submitAll } from '../support/submit';

/**
 * Every CSV answer read by DuckDB (`read_csv` with its own dialect and type detection), as
 * a BI analyst would load it, and compared with the JSON answer to the same query.
 * Quoting is exercised by a combination segment (`plan:pro,region:eu` holds a comma) and
 * a theme label with a comma and quotes.
 */
const NOW = Date.parse('2026-12-03T10:00:00Z');
const DAY_MS = 86_400_000;
const LABEL = 'Billing, "fees" & invoices';
const analyzer = createAnalyzer(
  compileTaxonomy({
    replaceDefaults: false,
    themes: [{ id: 'billing', label: LABEL, keywords: { en: ['invoice'], fr: ['facture'] } }],
  }),
);
const { stack, http } = useTestStack({ now: () => NOW, combinations: [['plan', 'region']], analyzer });

const directory = mkdtempSync(join(tmpdir(), 'nps-csv-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const COMMENTS = [
  'The invoice was wrong',
  'Great staff',
  'Livraison en retard',
  'Trop cher, facture illisible',
  'Nothing to add',
];

/** Rows DuckDB reads from a CSV answer, as plain objects (numbers as JS numbers, empty fields as null). */
const duckRows = async (csv: string, name: string) => {
  const path = join(directory, `${name}.csv`);
  writeFileSync(path, csv);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(`SELECT * FROM read_csv('${path}', header = true)`);
  const columns = reader.columnNames();
  const types = reader.columnTypes().map((type) => type.toString());
  const rows = reader
    .getRowObjectsJS()
    .map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([key, value]) => [key, typeof value === 'bigint' ? Number(value) : value]),
      ),
    );
  connection.closeSync();
  instance.closeSync();
  return { columns, types: Object.fromEntries(columns.map((c, i) => [c, types[i]])), rows };
};

const both = async (path: string) => {
  const json = (await http.get(path)).body;
  const csv = await http.get(path, { accept: 'text/csv' });
  expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  return { json, csv: csv.text as string };
};

/** The aggregate columns of a CSV row, as the JSON aggregate has them. */
const aggregateOfRow = (row: Record<string, unknown>) => ({
  segment: row.segment,
  from: row.from instanceof Date ? row.from.toISOString().slice(0, 10) : row.from,
  responses: row.responses,
  nps: row.nps,
  ci95: row.ci95Low === null ? null : { low: row.ci95Low, high: row.ci95High },
  scores: Array.from({ length: 11 }, (_, s) => row[`score${s}`]),
});
const aggregateOfJson = (a: {
  segment: string;
  from: string;
  responses: number;
  nps: number | null;
  ci95: unknown;
  scores: number[];
}) => ({
  segment: a.segment,
  from: a.from,
  responses: a.responses,
  nps: a.nps,
  ci95: a.ci95,
  scores: a.scores,
});

describe('CSV answers, read by DuckDB', () => {
  it('seeds 400 responses over 12 weeks, with comments', async () => {
    const random = seededRandom(99);
    const responses = Array.from({ length: 400 }, (_, i) => ({
      responseId: `csv-${i}`,
      score: Math.floor(random() * 11),
      submittedAt: new Date(NOW - DAY_MS - Math.floor(random() * 84 * DAY_MS)).toISOString(),
      segments: { plan: random() < 0.5 ? 'pro' : 'free', region: random() < 0.5 ? 'eu' : 'us' },
      ...(i % 2 === 0 ? { comment: COMMENTS[i % COMMENTS.length] } : {}),
    }));
    await submitAll(http, responses);
    await stack().settled();
  }, 180_000);

  it('a time series of a combination segment: one typed row per point, equal to the JSON points', async () => {
    const { json, csv } = await both(
      '/v1/nps/timeseries?segment=plan:pro,region:eu&granularity=week&from=2026-09-07&to=2026-12-02',
    );
    const { rows, types } = await duckRows(csv, 'timeseries');
    expect(types).toMatchObject({ from: 'DATE', to: 'DATE', responses: 'BIGINT', nps: 'DOUBLE', score10: 'BIGINT' });
    expect(rows.map(aggregateOfRow)).toEqual(json.points.map(aggregateOfJson));
    expect(rows[0]!.segment).toBe('plan:pro,region:eu');
  });

  it('a rolling series and one aggregate', async () => {
    const rolling = await both('/v1/nps/rolling?segment=region:us&window=7&from=2026-11-01&to=2026-11-30');
    expect((await duckRows(rolling.csv, 'rolling')).rows.map(aggregateOfRow)).toEqual(
      rolling.json.points.map(aggregateOfJson),
    );
    const one = await both('/v1/nps?segment=all&from=2026-09-01&to=2026-12-02');
    expect((await duckRows(one.csv, 'nps')).rows.map(aggregateOfRow)).toEqual([aggregateOfJson(one.json)]);
  });

  it('the forecast: history rows then forecast rows, intervals as numbers', async () => {
    const { json, csv } = await both('/v1/nps/forecast?segment=all&from=2026-09-07');
    const { rows, types } = await duckRows(csv, 'forecast');
    expect(types).toMatchObject({ kind: 'VARCHAR', nps: 'DOUBLE', interval95Low: 'DOUBLE' });
    const forecast = rows.filter((row) => row.kind === 'forecast');
    expect(rows.filter((row) => row.kind === 'history').map((row) => row.responses)).toEqual(
      json.history.map((p: { responses: number }) => p.responses),
    );
    expect(
      forecast.map((row) => [row.nps, row.interval80Low, row.interval80High, row.interval95Low, row.interval95High]),
    ).toEqual(
      json.forecast.map(
        (p: { nps: number; interval80: { low: number; high: number }; interval95: { low: number; high: number } }) => [
          p.nps,
          p.interval80.low,
          p.interval80.high,
          p.interval95.low,
          p.interval95.high,
        ],
      ),
    );
    expect(forecast.length).toBeGreaterThan(0);
  });

  it('the themes, with a label holding a comma and quotes, and a theme series', async () => {
    const { json, csv } = await both('/v1/themes?segment=all&from=2026-09-01&to=2026-12-02');
    const { rows } = await duckRows(csv, 'themes');
    expect(rows.map((row) => [row.theme, row.label, row.mentions, row.impact])).toEqual(
      json.themes.map((t: { theme: string; label: string; mentions: number; impact: number | null }) => [
        t.theme,
        t.label,
        t.mentions,
        t.impact,
      ]),
    );
    expect(rows.find((row) => row.theme === 'billing')?.label).toBe(LABEL);
    const series = await both('/v1/themes/timeseries?theme=billing&granularity=week&from=2026-09-07&to=2026-12-02');
    const seriesRows = (await duckRows(series.csv, 'theme-series')).rows;
    expect(seriesRows.map((row) => row.mentions)).toEqual(
      series.json.points.map((p: { mentions: number }) => p.mentions),
    );
    expect(seriesRows.reduce((sum, row) => sum + Number(row.mentions), 0)).toBeGreaterThan(0);
  });
});
