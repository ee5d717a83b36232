import { type Combination, parseCombinations } from '../../domain/segments';

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
