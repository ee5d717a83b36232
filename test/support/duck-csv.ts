import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/**
 * Reads CSV answers with DuckDB (`read_csv`, its own dialect detection), as a BI analyst
 * would, every column as text: rows as objects keyed by the header.
 *
 * @example
 * const rows = await readCsvWithDuckDb(answer.text); // [{ respondentId: 'crm-1', latestScore: '9', … }]
 */
export const readCsvWithDuckDb = async (csv: string): Promise<Record<string, string | null>[]> => {
  const directory = mkdtempSync(join(tmpdir(), 'nps-csv-'));
  try {
    const path = join(directory, 'answer.csv');
    writeFileSync(path, csv);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(
      `SELECT * FROM read_csv('${path}', header = true, all_varchar = true)`,
    );
    const rows = reader.getRowObjectsJS() as Record<string, string | null>[];
    connection.closeSync();
    return rows;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
};
