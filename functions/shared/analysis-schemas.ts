import * as z from 'zod';
import { analysisSchema } from '../../domain/analysis/schema';
import { commentLanguageSchema, MAX_COMMENT_LENGTH, textSchema } from '../../domain/submission';

/** Comments one `POST /v1/analyze` may carry. */
export const MAX_ANALYZE_COMMENTS = 100;

/**
 * The body of `POST /v1/analyze` (docs/comment-analysis.md): the same text rules as a comment, at least one character.
 */
export const analyzeRequestSchema = z.strictObject({
  comments: z
    .array(z.strictObject({ text: textSchema(MAX_COMMENT_LENGTH, 1), language: commentLanguageSchema.optional() }))
    .min(1)
    .max(MAX_ANALYZE_COMMENTS),
});

export const analyzeAnswerSchema = z.strictObject({ results: z.array(analysisSchema) }).meta({ id: 'AnalyzeAnswer' });

const polarityCounts = z.strictObject({
  positive: z.int().min(0),
  negative: z.int().min(0),
  neutral: z.int().min(0),
  mixed: z.int().min(0),
});
const share = z.number().min(0).max(1).nullable();
const npsValue = z.number().min(-100).max(100).nullable();

export const themeFiguresSchema = z.strictObject({
  theme: z.string(),
  label: z.string(),
  mentions: z.int().min(0),
  promoters: z.int().min(0),
  passives: z.int().min(0),
  detractors: z.int().min(0),
  npsAmongMentions: npsValue,
  ci95: z
    .strictObject({ low: z.number(), high: z.number() })
    .nullable()
    .meta({ description: 'adjusted-Wald 95% interval of npsAmongMentions' }),
  shareOfComments: share.meta({ description: 'mentions / commented responses' }),
  shareOfDetractorComments: share.meta({ description: 'detractor mentions / commented detractors' }),
  sentiment: polarityCounts.meta({ description: 'polarity of the mentions' }),
  impact: z.number().nullable().meta({
    description: 'key-driver impact: NPS of all responses − NPS of those not mentioning the theme, in points',
  }),
});

export const themesAnswerSchema = z
  .strictObject({
    segment: z.string(),
    from: z.string(),
    to: z.string(),
    responses: z.int().min(0),
    commented: z.int().min(0),
    nps: npsValue,
    themes: z
      .array(themeFiguresSchema)
      .meta({ description: 'every theme of the taxonomy, most harmful (lowest impact) first' }),
  })
  .meta({ id: 'Themes' });

export const themeTimeseriesSchema = z
  .strictObject({
    theme: z.string(),
    label: z.string(),
    segment: z.string(),
    granularity: z.enum(['hour', 'day', 'week', 'month']),
    points: z.array(
      themeFiguresSchema
        .pick({
          mentions: true,
          promoters: true,
          passives: true,
          detractors: true,
          shareOfComments: true,
          npsAmongMentions: true,
          sentiment: true,
        })
        .extend({ from: z.string(), to: z.string(), commented: z.int().min(0) }),
    ),
  })
  .meta({ id: 'ThemeTimeSeries' });

const discoveredTermSchema = z.strictObject({
  term: z.string().meta({ description: 'readable form: a word or two-word phrase as customers write it' }),
  language: z.enum(['fr', 'en']),
  count: z.int().min(0).meta({ description: 'comments holding the term' }),
  detractorCount: z.int().min(0),
  promoterCount: z.int().min(0),
  z: z.number().meta({
    description: 'z-score of the log-odds ratio, detractor vs promoter comments (informative Dirichlet prior)',
  }),
});

export const discoverAnswerSchema = z
  .strictObject({
    segment: z.string(),
    from: z.string().meta({ description: 'first day counted: the first day of the month of the requested `from`' }),
    to: z.string().meta({ description: 'last day counted: the last day of the month of the requested `to`' }),
    detractorTerms: z
      .array(discoveredTermSchema)
      .meta({ description: 'most over-represented in detractor comments first' }),
    promoterTerms: z
      .array(discoveredTermSchema)
      .meta({ description: 'most over-represented in promoter comments first' }),
  })
  .meta({ id: 'DiscoveredTerms' });
