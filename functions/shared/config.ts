import { DEFAULT_RISK_THRESHOLD } from '../../domain/respondents/risk';
import { type Combination, parseCombinations } from '../../domain/segments';
import { DEFAULT_SPIKE_THRESHOLDS, type SpikeThresholds } from '../../domain/spike';
import { ConfigurationError } from './errors';

type Environment = Record<string, string | undefined>;

/** `source` of published events unless configured (NPS_EVENT_SOURCE, CDK context `eventSource`). */
export const DEFAULT_EVENT_SOURCE = 'nps.backend';
/** What an EventBridge `source` may be. */
export const EVENT_SOURCE_PATTERN = /^[a-zA-Z0-9._-]{1,256}$/;

/** Environment variable holding the segment combinations, e.g. `plan+region,channel+region`. */
export const COMBINATIONS_ENV = 'NPS_SEGMENT_COMBINATIONS';

/**
 * Each detractor-spike threshold: the environment variable a function reads, and its
 * accepted range. Defaults are `DEFAULT_SPIKE_THRESHOLDS`; the CDK context validates
 * against the same ranges.
 */
export const SPIKE_THRESHOLD_SETTINGS: Readonly<
  Record<keyof SpikeThresholds, { env: string; min: number; max: number }>
> = {
  minResponses: { env: 'NPS_ALERT_MIN_RESPONSES', min: 1, max: 1_000_000 },
  minLift: { env: 'NPS_ALERT_MIN_LIFT', min: 0.01, max: 1 },
  zThreshold: { env: 'NPS_ALERT_Z_THRESHOLD', min: 0.5, max: 10 },
};

/** Environment variable of the time budget of a request that calls DynamoDB, in ms (default 3,000). */
export const DYNAMODB_TIMEOUT_ENV = 'NPS_DYNAMODB_TIMEOUT_MS';
/** Default time budget of a request that calls DynamoDB, ms. */
export const DEFAULT_DYNAMODB_TIMEOUT_MS = 3_000;
/**
 * Time budget of one DynamoDB call of the rebuild, ms: background work nobody waits on, whose
 * transactions of 100 items can take seconds on a busy table (DynamoDB Local under the
 * rebuild's own workers timed out at the request budget, page after page). Not configurable:
 * a rebuild step is retried as a whole anyway.
 */
export const REBUILD_DYNAMODB_TIMEOUT_MS = 30_000;
/** Accepted range of the budget, ms. */
export const DYNAMODB_TIMEOUT_RANGE = { min: 100, max: 25_000 } as const;

/**
 * Reads the time budget of a request (NPS_DYNAMODB_TIMEOUT_MS); undefined when unset.
 *
 * @example
 * dynamoDbTimeoutFromEnv({ NPS_DYNAMODB_TIMEOUT_MS: '2000' }); // 2000
 */
export const dynamoDbTimeoutFromEnv = (env: Environment = process.env): number | undefined => {
  const raw = env[DYNAMODB_TIMEOUT_ENV];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  const { min, max } = DYNAMODB_TIMEOUT_RANGE;
  if (!Number.isInteger(value) || value < min || value > max)
    throw new ConfigurationError(`${DYNAMODB_TIMEOUT_ENV} must be an integer from ${min} to ${max} (ms), not "${raw}"`);
  return value;
};

/**
 * Environment variable of `riskThreshold` (docs/respondents.md): the probability from which a promoter or passive is at
 * risk.
 */
export const RISK_THRESHOLD_ENV = 'NPS_RISK_THRESHOLD';
export const RISK_THRESHOLD_RANGE = { min: 0.01, max: 0.99 } as const;

/** Settings shared by the projector and the query API, from the environment. */
export interface ProjectionConfig {
  combinations: Combination[];
  riskThreshold: number;
}

const riskThresholdFromEnv = (env: Environment): number => {
  const raw = env[RISK_THRESHOLD_ENV];
  if (raw === undefined || raw === '') return DEFAULT_RISK_THRESHOLD;
  const value = Number(raw);
  const { min, max } = RISK_THRESHOLD_RANGE;
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ConfigurationError(`${RISK_THRESHOLD_ENV} must be a number from ${min} to ${max}, not "${raw}"`);
  }
  return value;
};

/**
 * Reads and validates the projection settings; throws `ConfigurationError` with the reason when they are invalid.
 *
 * @example
 * projectionConfigFromEnv({ NPS_SEGMENT_COMBINATIONS: 'plan+region' }).combinations; // [['plan', 'region']]
 */
export const projectionConfigFromEnv = (env: Environment = process.env): ProjectionConfig => {
  const parsed = parseCombinations(env[COMBINATIONS_ENV] ?? '');
  if (!parsed.ok) throw new ConfigurationError(`${COMBINATIONS_ENV}: ${parsed.message}`);
  return { combinations: parsed.value, riskThreshold: riskThresholdFromEnv(env) };
};

/** Settings of the publisher and the alert sweeper. */
export interface PublisherConfig {
  source: string;
  eventBusName: string;
  thresholds: SpikeThresholds;
}

const thresholdFromEnv = (env: Environment, key: keyof SpikeThresholds): number => {
  const { env: name, min, max } = SPIKE_THRESHOLD_SETTINGS[key];
  const raw = env[name];
  if (raw === undefined || raw === '') return DEFAULT_SPIKE_THRESHOLDS[key];
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max)
    throw new ConfigurationError(`${name} must be a number from ${min} to ${max}, not "${raw}"`);
  return value;
};

/**
 * Reads and validates the publisher's settings: NPS_EVENT_SOURCE (nps.backend),
 * EVENT_BUS_NAME, and the thresholds of `SPIKE_THRESHOLD_SETTINGS`.
 *
 * @example
 * publisherConfigFromEnv({ NPS_ALERT_MIN_RESPONSES: '50' }).thresholds.minResponses; // 50
 */
export const publisherConfigFromEnv = (env: Environment = process.env): PublisherConfig => {
  const source = env.NPS_EVENT_SOURCE || DEFAULT_EVENT_SOURCE;
  if (!EVENT_SOURCE_PATTERN.test(source))
    throw new ConfigurationError(`NPS_EVENT_SOURCE must match ${EVENT_SOURCE_PATTERN.source}`);
  return {
    source,
    eventBusName: env.EVENT_BUS_NAME || 'default',
    thresholds: {
      minResponses: thresholdFromEnv(env, 'minResponses'),
      minLift: thresholdFromEnv(env, 'minLift'),
      zThreshold: thresholdFromEnv(env, 'zThreshold'),
    },
  };
};

/**
 * The environment variables that pass thresholds to a function (what the CDK stack sets).
 *
 * @example
 * thresholdEnvironment(DEFAULT_SPIKE_THRESHOLDS); // { NPS_ALERT_MIN_RESPONSES: '30', … }
 */
export const thresholdEnvironment = (thresholds: SpikeThresholds): Record<string, string> =>
  Object.fromEntries(
    (Object.keys(SPIKE_THRESHOLD_SETTINGS) as (keyof SpikeThresholds)[]).map((key) => [
      SPIKE_THRESHOLD_SETTINGS[key].env,
      String(thresholds[key]),
    ]),
  );
