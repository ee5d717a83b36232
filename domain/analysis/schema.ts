import * as z from 'zod';

const polarity = z.enum(['positive', 'negative', 'neutral', 'mixed']);

/** An analysis as stored and answered (docs/comment-analysis.md): also the OpenAPI schema of it. */
export const analysisSchema = z
  .object({
    language: z.enum(['fr', 'en', 'und']),
    sentiment: z.object({ label: polarity, score: z.number().min(-1).max(1) }),
    themes: z.array(
      z.object({
        theme: z.string(),
        sentiment: polarity,
        matches: z.array(z.string()).meta({ description: 'the words or phrases that named the theme, as written' }),
      }),
    ),
    analyzer: z.string().meta({ description: 'analyzer and taxonomy version; changes whenever either changes' }),
  })
  .meta({ id: 'Analysis' });

/** What an erasure leaves of an analysis until the projections have taken the response out. */
export const analysisSummarySchema = z.object({
  language: z.enum(['fr', 'en', 'und']),
  sentiment: polarity,
  themes: z.record(z.string(), polarity),
  terms: z.array(z.object({ key: z.string(), language: z.enum(['fr', 'en']), text: z.string() })).optional(),
});
