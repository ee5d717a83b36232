import { describe, expect, it } from 'vitest';
import { fold, stem } from '../../../../domain/analysis/text';
import { tokenize } from '../../../../domain/analysis/tokens';

describe('folding and stems', () => {
  it('folds case, accents, ligatures and typographic apostrophes', () => {
    expect(fold('Déçue')).toBe('decue');
    expect(fold('cœur')).toBe('coeur');
    expect(fold('l’accueil')).toBe("l'accueil");
  });

  it('meets inflections of one French word at one stem', () => {
    expect(new Set(['délicieux', 'délicieuse', 'délicieuses'].map((w) => stem(w, 'fr')))).toEqual(
      new Set(['delicieu']),
    );
    expect(new Set(['déçu', 'déçue', 'déçus'].map((w) => stem(w, 'fr'))).size).toBe(1);
    expect(new Set(['attentif', 'attentive', 'attentifs'].map((w) => stem(w, 'fr'))).size).toBe(1);
  });

  it('keeps words apart that only look alike once stemmed badly', () => {
    expect(stem('prix', 'fr')).not.toBe(stem('pris', 'fr'));
    expect(stem('attente', 'fr')).not.toBe(stem('attentif', 'fr'));
  });

  it('meets English inflections at one stem', () => {
    expect(new Set(['love', 'loved', 'loving'].map((w) => stem(w, 'en'))).size).toBe(1);
    expect(new Set(['wait', 'waited', 'waiting', 'waits'].map((w) => stem(w, 'en')))).toEqual(new Set(['wait']));
    expect(stem('tastiest', 'en')).toBe(stem('tasty', 'en'));
  });
});

describe('tokenizing', () => {
  it('splits French elisions from their word', () => {
    expect(tokenize("L'accueil n'était pas top").tokens.map((t) => t.folded)).toEqual([
      "l'",
      'accueil',
      "n'",
      'etait',
      'pas',
      'top',
    ]);
  });

  it('keeps English contractions whole', () => {
    expect(tokenize("We didn't like it").tokens.map((t) => t.folded)).toContain("didn't");
  });

  it('opens a new, contrasted clause at "but" and "mais", and a plain one at punctuation', () => {
    const english = tokenize('Great food but slow service, sadly');
    expect(english.tokens.map((t) => t.clause)).toEqual([0, 0, 1, 1, 1, 2]);
    expect([...english.contrasted]).toEqual([1]);
    const french = tokenize('Bon repas mais attente longue');
    expect([...french.contrasted]).toEqual([1]);
  });
});
