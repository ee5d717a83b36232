import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../../domain/analysis/analyze';
import { termsOf } from '../../../../domain/analysis/terms';
import { categoryOf } from '../../../../domain/score';
import { discoverTerms, MIN_TERM_COUNT, tallyTerms } from '../../../../domain/term-report';
import { type CommentLanguage, commentWriter } from '../../../support/comments';
import { seededRandom } from '../../../support/random';

describe('termsOf', () => {
  it('keeps content words and pairs within a clause, folds inflections, drops stop words and elisions', () => {
    const terms = termsOf("Les livraisons sont lentes, mais le temps d'attente au téléphone est correct", 'fr');
    const texts = terms.map((t) => t.text);
    expect(texts).toContain('livraisons');
    expect(texts).toContain('temps attente');
    expect(texts).not.toContain('les');
    expect(texts).not.toContain("d'");
    expect(texts.some((t) => t.includes('lentes temps'))).toBe(false); // not across the comma
    expect(termsOf('Livraison lente', 'fr').map((t) => t.key)).toEqual(
      termsOf('Livraisons lentes', 'fr').map((t) => t.key),
    );
  });

  it('counts a term once per comment and caps long comments', () => {
    const terms = termsOf('slow slow slow delivery', 'en');
    expect(new Set(terms.map((t) => t.key)).size).toBe(terms.length);
    const long = termsOf(
      Array.from({ length: 100 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${i}`).join(' '),
      'en',
    );
    expect(long.length).toBe(40);
  });
});

describe('discoverTerms (log-odds with an informative Dirichlet prior)', () => {
  const analyze = createAnalyzer();
  /** 600 comments per language; `planted` in 40% of detractor comments. */
  const corpus = (language: CommentLanguage, planted: string) => {
    const random = seededRandom(language === 'fr' ? 31 : 37);
    const write = commentWriter(random);
    return Array.from({ length: 600 }, () => {
      const score = Math.floor(random() * 11);
      const plant = categoryOf(score) === 'detractor' && random() < 0.4;
      const text = write({ language, score, ...(plant ? { planted } : {}) });
      return { terms: termsOf(text, analyze(text).language), category: categoryOf(score) };
    });
  };

  it('puts a word planted in 40% of detractor comments first, in French and in English', () => {
    const counts = tallyTerms([...corpus('en', 'parking'), ...corpus('fr', 'stationnement')]);
    const { detractorTerms, promoterTerms } = discoverTerms(counts, 20);
    const first = (language: string) => detractorTerms.find((t) => t.language === language);
    expect(first('en')?.term).toBe('parking');
    expect(first('fr')?.term).toBe('stationnement');
    expect(first('en')!.z).toBeGreaterThan(3);
    expect(promoterTerms.every((t) => t.z < 0)).toBe(true);
    expect([...detractorTerms, ...promoterTerms].every((t) => t.count >= MIN_TERM_COUNT)).toBe(true);
    expect(detractorTerms.length).toBeLessThanOrEqual(20);
  });

  it('shows the form written most often, and scores a balanced term near 0', () => {
    const comments = [
      ...Array.from({ length: 6 }, () => ({ terms: termsOf('Livraisons', 'fr'), category: 'detractor' as const })),
      ...Array.from({ length: 2 }, () => ({ terms: termsOf('livraison', 'fr'), category: 'promoter' as const })),
      ...Array.from({ length: 5 }, () => ({ terms: termsOf('prix', 'fr'), category: 'detractor' as const })),
      ...Array.from({ length: 5 }, () => ({ terms: termsOf('prix', 'fr'), category: 'promoter' as const })),
    ];
    const counts = tallyTerms(comments);
    expect(counts.find((c) => c.key === termsOf('livraison', 'fr')[0]!.key)).toMatchObject({
      text: 'livraisons',
      count: 8,
      detractorCount: 6,
      promoterCount: 2,
    });
    const { detractorTerms, promoterTerms } = discoverTerms(counts, 20);
    expect(detractorTerms[0]?.term).toBe('livraisons');
    const price = [...detractorTerms, ...promoterTerms].find((t) => t.term === 'prix');
    expect(Math.abs(price?.z ?? 0)).toBeLessThan(1);
  });
});
