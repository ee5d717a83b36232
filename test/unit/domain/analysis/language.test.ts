import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../../domain/analysis/language';
import { tokenize } from '../../../../domain/analysis/tokens';

const detect = (text: string) => detectLanguage(tokenize(text).tokens, text);

/** Short comments as customers write them; written for this test. */
const SHORT: [string, 'fr' | 'en'][] = [
  ['Top !', 'fr'],
  ['RAS', 'fr'],
  ['Nul.', 'fr'],
  ['Great', 'en'],
  ['Too slow', 'en'],
  ['Très bien', 'fr'],
  ['Parfait', 'fr'],
  ['Trop cher', 'fr'],
  ['Super accueil', 'fr'],
  ['Déçu', 'fr'],
  ['Rien à dire', 'fr'],
  ['Merci !', 'fr'],
  ['Service lent', 'fr'],
  ['Bof', 'fr'],
  ['Génial', 'fr'],
  ['Awesome!', 'en'],
  ['Terrible service', 'en'],
  ['Love it', 'en'],
  ['Not good', 'en'],
  ['Thanks', 'en'],
  ['Way too expensive', 'en'],
  ['Fast delivery', 'en'],
  ['Works fine', 'en'],
  ['Never again', 'en'],
  ['Rude staff', 'en'],
  ['Easy to use', 'en'],
  ["C'est cher", 'fr'],
  ['Pas terrible', 'fr'],
  ['Good value', 'en'],
  ['Livraison rapide', 'fr'],
];

describe('language detection', () => {
  it('tells French from English on at least 9 short comments in 10', () => {
    const wrong = SHORT.filter(([text, language]) => detect(text) !== language);
    expect(wrong.length, `misdetected: ${wrong.map(([t]) => t).join(', ')}`).toBeLessThanOrEqual(3);
  });

  it('detects longer comments in each language', () => {
    expect(detect("Le personnel était adorable mais l'attente beaucoup trop longue")).toBe('fr');
    expect(detect('The staff were lovely but we waited far too long for our order')).toBe('en');
  });

  it('answers und for other languages and for text without words', () => {
    expect(detect('El servicio fue excelente y muy rápido')).toBe('und');
    expect(detect('Das Essen war sehr gut und günstig')).toBe('und');
    expect(detect('👍👍👍')).toBe('und');
    expect(detect('12345')).toBe('und');
  });
});
