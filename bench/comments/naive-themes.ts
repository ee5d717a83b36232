import { DEFAULT_TAXONOMY } from '../../domain/analysis/default-taxonomy';

/**
 * The naive keyword matcher the theme figures are compared with: a theme is present when
 * one of its default keywords appears as written (lower case, whole words, no folding of
 * accents or inflections, no phrases split by elision).
 */
export const naiveThemes = (text: string, language: 'fr' | 'en'): string[] => {
  const lower = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}'-]+/gu, ' ')} `;
  return DEFAULT_TAXONOMY.themes.flatMap((theme) =>
    (theme.keywords[language] ?? []).some((keyword) => lower.includes(` ${keyword.replace(/^~/, '').toLowerCase()} `))
      ? [theme.id]
      : [],
  );
};
