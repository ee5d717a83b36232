import * as z from 'zod';
import { ConfigurationError } from '../domain/errors';
import { DEFAULT_RISK_THRESHOLD } from '../domain/respondents/risk';
import { parseCombinations } from '../domain/segments';
import { DEFAULT_SPIKE_THRESHOLDS, type SpikeThresholds } from '../domain/spike';
import {
  DEFAULT_DYNAMODB_TIMEOUT_MS,
  DEFAULT_EVENT_SOURCE,
  DYNAMODB_TIMEOUT_RANGE,
  EVENT_SOURCE_PATTERN,
  RISK_THRESHOLD_RANGE,
  SPIKE_THRESHOLD_SETTINGS,
} from '../functions/shared/config';

/**
 * Deployment settings, from CDK context (`cdk.json` or `-c key=value`), validated with
 * their defaults. An invalid value fails the synth with the key and the reason.
 */
const number = (min: number, max: number, fallback: number) => z.coerce.number().min(min).max(max).default(fallback);
/** A spike threshold with the range and default the functions use. */
const threshold = (key: keyof SpikeThresholds) =>
  number(SPIKE_THRESHOLD_SETTINGS[key].min, SPIKE_THRESHOLD_SETTINGS[key].max, DEFAULT_SPIKE_THRESHOLDS[key]);

export const stackConfigSchema = z.strictObject({
  /** `source` of published events. */
  eventSource: z.string().regex(EVENT_SOURCE_PATTERN).default(DEFAULT_EVENT_SOURCE),
  /** Segment combinations with their own aggregates, `plan+region,channel+region`. */
  segmentCombinations: z
    .string()
    .default('')
    .refine((text) => parseCombinations(text).ok, {
      error: 'must be like plan+region,channel+region (at most 12)',
    }),
  /** From which probability of a detractor next time a promoter or passive is at risk (docs/respondents.md). */
  riskThreshold: number(RISK_THRESHOLD_RANGE.min, RISK_THRESHOLD_RANGE.max, DEFAULT_RISK_THRESHOLD),
  /** Segments of the rebuild's parallel scan, each worked through by its own Lambda worker (docs/projections.md). */
  rebuildSegments: z.coerce.number().int().min(1).max(256).default(16),
  /** Detractor-spike alert: least responses in the 24 h window. */
  alertMinResponses: threshold('minResponses'),
  /** Detractor-spike alert: least lift of the detractor share over the baseline. */
  alertMinLift: threshold('minLift'),
  /** Detractor-spike alert: least one-sided two-proportion z. */
  alertZThreshold: threshold('zThreshold'),
  /** Time budget of a request that calls DynamoDB, ms: past it the API answers 503 with Retry-After. */
  dynamoDbTimeoutMs: z.coerce
    .number()
    .int()
    .min(DYNAMODB_TIMEOUT_RANGE.min)
    .max(DYNAMODB_TIMEOUT_RANGE.max)
    .default(DEFAULT_DYNAMODB_TIMEOUT_MS),
  /** Days CloudWatch keeps the functions' logs. */
  logRetentionDays: z.coerce
    .number()
    .refine((days) => [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731].includes(days), {
      error: 'must be a CloudWatch retention: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545 or 731',
    })
    .default(30),
  /** Days the bus archive keeps published events (they may carry personal data: keep it short). */
  archiveRetentionDays: number(1, 90, 7),
  /** `retain` keeps tables, queues and logs when the stack is deleted (production); `destroy` removes them. */
  removalPolicy: z.enum(['retain', 'destroy']).default('retain'),
  /**
   * A custom taxonomy of comment themes (JSON file, docs/comment-analysis.md): validated at synth and baked into every
   * function.
   */
  themesFile: z.string().min(1).optional(),
  /** E-mail that receives operational alarms (optional). */
  alarmEmail: z.email().optional(),
});

export type StackConfig = z.infer<typeof stackConfigSchema>;

/** The context keys the stack reads. */
export const CONFIG_KEYS = Object.keys(stackConfigSchema.shape) as (keyof StackConfig)[];

/**
 * Validates raw context values (strings from `-c`, or JSON values from cdk.json).
 *
 * @example
 * stackConfig({ alertMinResponses: '50' }).alertMinResponses; // 50
 */
export const stackConfig = (context: Record<string, unknown>): StackConfig => {
  const present = Object.fromEntries(Object.entries(context).filter(([, value]) => value !== undefined));
  const parsed = stackConfigSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigurationError(
      `invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
};
