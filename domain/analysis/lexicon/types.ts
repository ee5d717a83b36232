/**
 * The word lists of one language. Lists are comma-separated strings (entries may be
 * phrases of several words); they are stemmed and indexed once, at module load.
 */
export interface LanguageLexicon {
  /** Weight (AFINN scale, −5…+5) → words and phrases. */
  sentiment: Readonly<Record<number, string>>;
  /** Words that flip the polarity of what follows in the clause. */
  negators: string;
  /** Words that strengthen the next sentiment word. */
  intensifiers: string;
  /** Words that soften the next sentiment word. */
  diminishers: string;
  /** "too"/"trop": strengthens a negative word, makes a neutral one negative. */
  excess: string;
  /**
   * Whether "too" + a positive word is a complaint ("too sweet"), as in English, or praise ("trop bon"), as in French.
   */
  excessFlipsPositive: boolean;
  /** Words left out of discovered terms and language evidence weighting. */
  stopWords: string;
}

/** Splits a comma-separated list into trimmed entries. */
export const entries = (list: string): string[] =>
  list
    .split(',')
    .map((entry) => entry.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
