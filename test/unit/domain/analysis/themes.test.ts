import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../../domain/analysis/analyze';
import { DEFAULT_TAXONOMY } from '../../../../domain/analysis/default-taxonomy';
import { compileTaxonomy, taxonomyFileSchema } from '../../../../domain/analysis/taxonomy';

const analyze = createAnalyzer();
const themes = (text: string) => Object.fromEntries(analyze(text).themes.map((t) => [t.theme, t.sentiment]));

describe('themes of a comment, aspect by aspect', () => {
  it('gives each theme the polarity of its own clause', () => {
    expect(themes('The staff were lovely but the prices are outrageous')).toMatchObject({
      service: 'positive',
      price: 'negative',
    });
    expect(themes("L'accueil était chaleureux mais les prix sont exorbitants")).toMatchObject({
      service: 'positive',
      price: 'negative',
    });
  });

  it('finds themes through elisions, inflections and accents left out', () => {
    expect(themes("l'accueil")).toHaveProperty('service');
    expect(themes('les serveuses')).toHaveProperty('service');
    expect(themes('la qualite est mediocre')).toEqual({ quality: 'negative' });
  });

  it('reads judgements that name a theme by themselves', () => {
    expect(themes('Way overpriced')).toEqual({ price: 'negative' });
    expect(themes('Pas cher du tout')).toEqual({ price: 'positive' });
    expect(themes('Rude and unhelpful')).toMatchObject({ service: 'negative' });
  });

  it('covers every default theme in both languages', () => {
    expect(themes('We waited two hours, the delivery was late')).toHaveProperty('delay');
    expect(themes('Retard de livraison, attente interminable')).toHaveProperty('delay');
    expect(themes('The app is not intuitive at all')).toEqual({ usability: 'negative' });
    expect(themes("L'application est facile à utiliser")).toEqual({ usability: 'positive' });
    expect(themes('Nobody kept me updated, no email, nothing')).toHaveProperty('communication');
    expect(themes('Aucune information sur le suivi de ma commande')).toHaveProperty('communication');
  });

  it('counts a product noun only where an opinion is expressed about it', () => {
    expect(themes('We ordered pizza')).toEqual({});
    expect(themes('The pizza was delicious')).toEqual({ quality: 'positive' });
  });

  it('reports the words that named the theme, as written', () => {
    expect(analyze('Hors de prix !').themes).toEqual([
      { theme: 'price', sentiment: 'negative', matches: ['Hors de prix'] },
    ]);
  });
});

describe('taxonomies', () => {
  it('adds custom themes to the defaults, or replaces them', () => {
    const billing = {
      id: 'billing',
      label: 'Billing',
      keywords: { en: ['invoice', 'billed twice'], fr: ['facture', 'prélèvement'] },
    };
    const added = compileTaxonomy({ themes: [billing] });
    expect(added.themes.map((t) => t.id)).toEqual([
      'service',
      'price',
      'quality',
      'delay',
      'usability',
      'communication',
      'billing',
    ]);
    const replaced = compileTaxonomy({ replaceDefaults: true, themes: [billing] });
    expect(replaced.themes.map((t) => t.id)).toEqual(['billing']);
    const analyze = createAnalyzer(replaced);
    expect(analyze('I was billed twice this month, unacceptable').themes).toEqual([
      { theme: 'billing', sentiment: 'negative', matches: ['billed twice'] },
    ]);
    expect(analyze('Deux prélèvements ce mois-ci').themes.map((t) => t.theme)).toEqual(['billing']);
  });

  it('changes the analyzer version with the taxonomy', () => {
    const billing = { id: 'billing', label: 'Billing', keywords: { en: ['invoice'] } };
    expect(createAnalyzer(compileTaxonomy({ themes: [billing] })).version).not.toBe(createAnalyzer().version);
    expect(createAnalyzer().version).toBe(createAnalyzer(compileTaxonomy()).version);
  });

  it('refuses invalid files with the path of the fault', () => {
    expect(() => compileTaxonomy({ themes: [{ id: 'Bad Id', label: 'x', keywords: {} }] })).toThrow(
      /themes.*0.*id|must match/s,
    );
    expect(() => compileTaxonomy({ themes: [] })).toThrow();
    expect(() =>
      compileTaxonomy({
        themes: [
          { id: 'a', label: 'A', keywords: {} },
          { id: 'a', label: 'B', keywords: {} },
        ],
      }),
    ).toThrow(/unique/);
  });
});

describe('the default taxonomy', () => {
  it('is a valid taxonomy file (it is not parsed at load)', () => {
    expect(taxonomyFileSchema.safeParse(DEFAULT_TAXONOMY).success).toBe(true);
  });
});
