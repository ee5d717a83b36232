import type { Language } from '../../domain/analysis/lexicon';
import { termsOf } from '../../domain/analysis/terms';
import { categoryOf } from '../../domain/score';
import { type TermCounts, tallyTerms } from '../../domain/term-report';

/**
 * A current comment as the reference counts it: its text, the language its analysis found, and its response's score.
 */
export interface CommentNow {
  text: string;
  language: Language | 'und';
  score: number;
}

/** Term counts of the current comments, by term key: what the term items must hold, summed over months and shards. */
export const referenceTermCounts = (comments: CommentNow[]): Map<string, TermCounts> =>
  new Map(
    tallyTerms(comments.map((c) => ({ terms: termsOf(c.text, c.language), category: categoryOf(c.score) }))).map(
      (t) => [t.key, t],
    ),
  );

/** The stored term items of one segment (any generation) read from a table scan, summed per term key. */
export const storedTermCounts = (items: Record<string, unknown>[], segment: string) => {
  const sums = new Map<string, { count: number; detractorCount: number; promoterCount: number }>();
  const pattern = new RegExp(`^t#\\d+#${segment}$`);
  for (const item of items.filter((i) => pattern.test(String(i.pk)))) {
    for (const [key, , count, detractorCount, promoterCount] of JSON.parse(String(item.terms)) as [
      string,
      string,
      number,
      number,
      number,
    ][]) {
      const sum = sums.get(key) ?? { count: 0, detractorCount: 0, promoterCount: 0 };
      sums.set(key, {
        count: sum.count + count,
        detractorCount: sum.detractorCount + detractorCount,
        promoterCount: sum.promoterCount + promoterCount,
      });
    }
  }
  return sums;
};

/**
 * What a list of discovered terms says, without the readable forms (which may differ between equal keys): its numbers
 * in order.
 */
export const termNumbers = (
  terms: { count: number; detractorCount: number; promoterCount: number; z: number; language: string }[],
) => terms.map((t) => `${t.language} ${t.count} ${t.detractorCount} ${t.promoterCount} ${t.z.toFixed(6)}`);
