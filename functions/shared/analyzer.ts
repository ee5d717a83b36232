import { readFileSync } from 'node:fs';
import { type Analyzer, createAnalyzer } from '../../domain/analysis/analyze';
import { compileTaxonomy, type Taxonomy } from '../../domain/analysis/taxonomy';
import { ConfigurationError } from './errors';

/** Environment variable of a custom taxonomy file (local stack, `npm run rebuild`). */
export const THEMES_FILE_ENV = 'NPS_THEMES_FILE';

/** The reason a taxonomy is refused, with the JSON path of each fault. */
const reasonOf = (error: unknown): string => {
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  if (!issues) return error instanceof Error ? error.message : String(error);
  return issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`).join('; ');
};

/**
 * Reads and compiles a taxonomy file; a `ConfigurationError` naming the file and the
 * reason when it cannot be read, is not JSON, or breaks the schema (docs/comment-analysis.md).
 *
 * @example
 * taxonomyFromFile('themes.json').themes.map((t) => t.id); // ['service', …, 'billing']
 */
export const taxonomyFromFile = (path: string): Taxonomy => {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigurationError(`taxonomy file ${path}: ${reasonOf(error)}`);
  }
  try {
    return compileTaxonomy(raw as Parameters<typeof compileTaxonomy>[0]);
  } catch (error) {
    throw new ConfigurationError(`taxonomy file ${path}: ${reasonOf(error)}`);
  }
};

/**
 * The analyzer of a function: the taxonomy baked into the bundle at synth
 * (`process.env.NPS_THEMES_JSON`, replaced by esbuild's `define` from the CDK context
 * `themesFile`), else the file named by `NPS_THEMES_FILE`, else the defaults.
 *
 * @example
 * const analyzer = loadAnalyzer();
 */
export const loadAnalyzer = (env: Record<string, string | undefined> = process.env): Analyzer => {
  const baked = process.env.NPS_THEMES_JSON;
  if (baked) return createAnalyzer(compileTaxonomy(JSON.parse(baked)));
  const file = env[THEMES_FILE_ENV];
  return createAnalyzer(file ? taxonomyFromFile(file) : compileTaxonomy());
};
