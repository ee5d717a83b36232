import { createRequire } from 'node:module';

/**
 * Off-the-shelf sentiment baselines, run in the same bench as our analyzer: `sentiment`
 * (AFINN-165, English), `vader-sentiment` (English) and nlp.js (`@nlpjs/sentiment`,
 * French and English). Each answers a score whose sign is its binary decision.
 */
export interface Baseline {
  name: string;
  languages: readonly ('fr' | 'en')[];
  score: (text: string, language: 'fr' | 'en') => Promise<number>;
}

const require = createRequire(import.meta.url);

export const loadBaselines = async (): Promise<Baseline[]> => {
  const Sentiment = require('sentiment');
  const vader = require('vader-sentiment');
  const { containerBootstrap } = require('@nlpjs/core');
  const { SentimentAnalyzer } = require('@nlpjs/sentiment');
  const { LangFr } = require('@nlpjs/lang-fr');
  const { LangEn } = require('@nlpjs/lang-en');
  const afinn = new Sentiment();
  const container = await containerBootstrap();
  container.use(LangFr);
  container.use(LangEn);
  const nlp = new SentimentAnalyzer({ container });
  return [
    { name: 'sentiment (AFINN)', languages: ['en'], score: async (text) => afinn.analyze(text).score },
    {
      name: 'vader-sentiment',
      languages: ['en'],
      score: async (text) => vader.SentimentIntensityAnalyzer.polarity_scores(text).compound,
    },
    {
      name: 'nlp.js',
      languages: ['fr', 'en'],
      score: async (text, locale) => (await nlp.process({ locale, text })).sentiment.score,
    },
  ];
};
