import { type Combination, parseCombinations } from '../../domain/segments';
import { DEFAULT_SPIKE_THRESHOLDS, type SpikeThresholds } from '../../domain/spike';

/** Settings shared by the projector and the query API, from the environment. */
export interface ProjectionConfig {
  combinations: Combination[];
}

/** Environment variable holding the segment combinations, e.g. `plan+region,channel+region`. */
export const COMBINATIONS_ENV = 'NPS_SEGMENT_COMBINATIONS';

/** Reads and validates the projection settings; throws with the reason when they are invalid. */
export const projectionConfigFromEnv = (env: Record<string, string | undefined> = process.env): ProjectionConfig => {
  const parsed = parseCombinations(env[COMBINATIONS_ENV] ?? '');
  if (!parsed.ok) throw new Error(`${COMBINATIONS_ENV}: ${parsed.message}`);
  return { combinations: parsed.value };
};

/** Settings of the publisher and the alert sweeper. */
export interface PublisherConfig {
  source: string;
  eventBusName: string;
  thresholds: SpikeThresholds;
}

const numberEnv = (env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max)
    throw new Error(`${name} must be a number from ${min} to ${max}, not "${raw}"`);
  return value;
};

/**
 * Reads and validates the publisher's settings: NPS_EVENT_SOURCE (nps.backend),
 * EVENT_BUS_NAME, NPS_ALERT_MIN_RESPONSES (30), NPS_ALERT_MIN_LIFT (0.10),
 * NPS_ALERT_Z_THRESHOLD (2.33).
 */
export const publisherConfigFromEnv = (env: Record<string, string | undefined> = process.env): PublisherConfig => ({
  source: env.NPS_EVENT_SOURCE || 'nps.backend',
  eventBusName: env.EVENT_BUS_NAME || 'default',
  thresholds: {
    minResponses: numberEnv(env, 'NPS_ALERT_MIN_RESPONSES', DEFAULT_SPIKE_THRESHOLDS.minResponses, 1, 1_000_000),
    minLift: numberEnv(env, 'NPS_ALERT_MIN_LIFT', DEFAULT_SPIKE_THRESHOLDS.minLift, 0.01, 1),
    zThreshold: numberEnv(env, 'NPS_ALERT_Z_THRESHOLD', DEFAULT_SPIKE_THRESHOLDS.zThreshold, 0.5, 10),
  },
});
