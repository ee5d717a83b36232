import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** One labelled item of `../shared/eval/*.jsonl` (see its README). */
export interface EvalItem {
  id: string;
  lang: 'fr' | 'en';
  text: string;
  sentiment?: 'positive' | 'negative' | 'neutral' | 'mixed';
  themes?: Record<string, string>;
}

/** Where the evaluation files are: `NPS_EVAL_DIR`, or `../shared/eval` beside the checkout. */
export const evalDirectory = (): string => process.env.NPS_EVAL_DIR ?? resolve(process.cwd(), '../shared/eval');

/** The labelled files found (name → items), none when the folder is not there. */
export const loadEvalFiles = (): Map<string, EvalItem[]> => {
  const directory = evalDirectory();
  const files = new Map<string, EvalItem[]>();
  if (!existsSync(directory)) return files;
  for (const name of readdirSync(directory)
    .filter((file) => file.endsWith('.jsonl'))
    .sort()) {
    const lines = readFileSync(resolve(directory, name), 'utf8').split('\n').filter(Boolean);
    files.set(
      name.replace(/\.jsonl$/, ''),
      lines.map((line) => JSON.parse(line) as EvalItem),
    );
  }
  return files;
};

/** The themes these files label (the others are never scored on them). */
export const LABELLED_THEMES = ['price', 'service', 'quality'] as const;
