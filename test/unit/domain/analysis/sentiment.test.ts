import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../../domain/analysis/analyze';
import { type Contribution, sentimentOf } from '../../../../domain/analysis/sentiment';

const analyze = createAnalyzer();
const label = (text: string) => analyze(text).sentiment.label;
const score = (text: string) => analyze(text).sentiment.score;

describe('sentiment of a comment', () => {
  it.each([
    ['Great support, very friendly', 'positive'],
    ['Terrible experience, I want a refund', 'negative'],
    ['Excellent accueil, je recommande', 'positive'],
    ['Très déçu, service nul', 'negative'],
    ['I ordered a sandwich', 'neutral'],
    ['Nous avons commandé deux menus', 'neutral'],
  ])('%s → %s', (text, expected) => {
    expect(label(text)).toBe(expected);
  });

  it('flips negated words in both languages, "ne … pas" and postposed "pas" included', () => {
    expect(score('not good')).toBeLessThan(0);
    expect(score("wasn't bad at all")).toBeGreaterThan(0);
    expect(score("Ce n'est pas bon")).toBeLessThan(0);
    expect(score('pas cher')).toBeGreaterThan(0);
    expect(score("j'aime pas")).toBeLessThan(0);
    expect(score('Je ne recommande pas')).toBeLessThan(0);
  });

  it('strengthens with intensifiers and softens with diminishers', () => {
    expect(score('very good')).toBeGreaterThan(score('good'));
    expect(score('très lent')).toBeLessThan(score('lent'));
    expect(score('un peu lent')).toBeGreaterThan(score('lent'));
  });

  it('reads "too" + a neutral word as a complaint; "trop bon" stays praise in French', () => {
    expect(score('too long')).toBeLessThan(0);
    expect(score('trop long')).toBeLessThan(0);
    expect(score('too sweet')).toBeLessThan(0);
    expect(score('trop bon')).toBeGreaterThan(0);
  });

  it('weighs what follows "but"/"mais" more, and calls clearly two-sided comments mixed', () => {
    expect(score('The food was good but the service was awful')).toBeLessThan(0);
    expect(score("C'était bon mais vraiment trop cher")).toBeLessThan(0);
    expect(label('Lovely staff, but the app is terrible and buggy')).toBe('mixed');
  });

  it('forgives a misspelt word of 5 letters or more', () => {
    expect(score('delicous')).toBeGreaterThan(0);
    expect(score('disapointing')).toBeLessThan(0);
    expect(score('horrrible')).toBeLessThan(0);
  });

  it('maps a sum to a bounded score and a label', () => {
    const at = (value: number): Contribution => ({ at: 0, clause: 0, value });
    expect(sentimentOf([])).toEqual({ label: 'neutral', score: 0 });
    expect(sentimentOf([at(100)]).score).toBeLessThanOrEqual(1);
    expect(sentimentOf([at(-100)]).score).toBeGreaterThanOrEqual(-1);
    expect(sentimentOf([at(3), at(-3)]).label).toBe('mixed');
    expect(sentimentOf([at(3), at(-0.5)]).label).toBe('positive');
  });
});
