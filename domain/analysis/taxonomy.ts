import * as z from 'zod';
import { DEFAULT_TAXONOMY } from './default-taxonomy';
import type { Language } from './lexicon';
import { fold, stem } from './text';

export const THEME_ID_PATTERN = /^[a-z][a-z0-9_-]{0,39}$/;
const keywordList = z.array(z.string().trim().min(1).max(80)).max(500);

/** A taxonomy file (`NPS_THEMES_FILE`, or the CDK context `themesFile`) (docs/comment-analysis.md). */
export const taxonomyFileSchema = z.strictObject({
  replaceDefaults: z.boolean().default(false),
  themes: z
    .array(
      z.strictObject({
        id: z.string().regex(THEME_ID_PATTERN, { error: `must match ${THEME_ID_PATTERN.source}` }),
        label: z.string().trim().min(1).max(80),
        keywords: z.strictObject({ en: keywordList.optional(), fr: keywordList.optional() }),
      }),
    )
    .min(1)
    .max(50)
    .refine((themes) => new Set(themes.map((t) => t.id)).size === themes.length, { error: 'theme ids must be unique' }),
});

export type TaxonomyFile = z.input<typeof taxonomyFileSchema>;
type ParsedFile = z.output<typeof taxonomyFileSchema>;

/** A compiled keyword: its stems, its theme, and whether it counts only where an opinion is expressed (`~` prefix). */
export interface Keyword {
  stems: string[];
  theme: string;
  needsOpinion: boolean;
}

export interface Theme {
  id: string;
  label: string;
}

/** A taxonomy ready for matching: its themes in order, and per language the stemmed keyword phrases. */
export interface Taxonomy {
  themes: Theme[];
  /** Per language: first stem → keyword phrases starting with it (longest first). */
  keywords: Record<Language, Map<string, Keyword[]>>;
  /** A short fingerprint of the themes and keywords, part of the analyzer version. */
  fingerprint: string;
}

/** FNV-1a, 32 bits, as 8 hex digits: a fingerprint, not a security hash. */
const fnv1a = (text: string): string => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
};

const index = (themes: z.output<typeof taxonomyFileSchema>['themes'], language: Language) => {
  const byFirst = new Map<string, Keyword[]>();
  for (const theme of themes) {
    for (const keyword of theme.keywords[language] ?? []) {
      const needsOpinion = keyword.startsWith('~');
      const stems = fold(keyword.replace(/^~/, ''))
        .split(/[\s'’/-]+/)
        .filter(Boolean)
        .map((word) => stem(word, language));
      if (!stems.length) continue;
      const list = byFirst.get(stems[0]!) ?? [];
      list.push({ stems, theme: theme.id, needsOpinion });
      list.sort((a, b) => b.stems.length - a.stems.length);
      byFirst.set(stems[0]!, list);
    }
  }
  return byFirst;
};

/**
 * Compiles a taxonomy file: its themes added to the defaults (same id replaces that
 * default), or alone with `replaceDefaults`. Throws zod's error for an invalid file.
 *
 * @example
 * compileTaxonomy({ themes: [{ id: 'billing', label: 'Billing', keywords: { en: ['invoice'] } }] }).themes.length; // 7
 */
export const compileTaxonomy = (file: TaxonomyFile = DEFAULT_TAXONOMY): Taxonomy => {
  // the defaults are our own constant (a unit test validates them): not parsed at every cold start
  const parsed = file === DEFAULT_TAXONOMY ? (DEFAULT_TAXONOMY as ParsedFile) : taxonomyFileSchema.parse(file);
  const defaults = parsed.replaceDefaults ? [] : (DEFAULT_TAXONOMY as ParsedFile).themes;
  const custom = new Set(parsed.themes.map((t) => t.id));
  const themes = [...defaults.filter((t) => !custom.has(t.id)), ...parsed.themes];
  return {
    themes: themes.map(({ id, label }) => ({ id, label })),
    keywords: { en: index(themes, 'en'), fr: index(themes, 'fr') },
    fingerprint: fnv1a(JSON.stringify(themes)),
  };
};
