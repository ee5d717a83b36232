import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Analyzer } from '../../domain/analysis/analyze';
import type { Combination } from '../../domain/segments';
import type { SpikeThresholds } from '../../domain/spike';

/** How `startLocalStack` runs the backend: what `npm start` reads from the environment, and what tests and benches set. */
export interface LocalStackOptions {
  /** HTTP port; 0 picks a free one. Default 3000. */
  port?: number;
  host?: string;
  /** Keep DynamoDB Local's data here; in memory when unset. */
  dataDir?: string;
  /** Require `Authorization: Bearer <apiToken>` on every route but `/healthz` and the page's files. */
  apiToken?: string;
  /** Use this running DynamoDB (Local) instead of starting one. */
  dynamoDbEndpoint?: string;
  /** Prefix of the table names, so that several stacks can share one DynamoDB Local. */
  tablePrefix?: string;
  /** Log level of the functions' Powertools loggers. */
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  /** Print each event put on the local bus as one JSON line (without its personal data). */
  logEvents?: boolean;
  /** Segment combinations with their own aggregates (NPS_SEGMENT_COMBINATIONS). */
  combinations?: Combination[];
  /** From which probability a promoter or passive is at risk (NPS_RISK_THRESHOLD, default 0.25). */
  riskThreshold?: number;
  /** Projector batching window (Lambda MaximumBatchingWindow); the deployed setting by default. */
  projectorBatchingWindowMs?: number;
  /** Clock-skew margin of a rebuild (one machine: small). Default 1 s. */
  rebuildSettleMs?: number;
  /** `source` of published events (NPS_EVENT_SOURCE). */
  eventSource?: string;
  /** Detractor-spike thresholds (NPS_ALERT_*). */
  thresholds?: SpikeThresholds;
  /** How often open alert episodes are re-evaluated. Default 60 s. */
  alertSweepIntervalMs?: number;
  /** POST every published event as JSON to this URL (NPS_LOCAL_WEBHOOK). */
  webhook?: string;
  /** Time budget of a request that calls DynamoDB, ms (NPS_DYNAMODB_TIMEOUT_MS, default 3,000): past it, 503 with Retry-After. */
  timeoutMs?: number;
  /** Published events the local log keeps, the latest ones (NPS_LOCAL_EVENTS_KEEP, default 10,000). */
  eventsKeep?: number;
  /** The comment analyzer (a custom taxonomy: NPS_THEMES_FILE); the default taxonomy otherwise. */
  analyzer?: Analyzer;
  /** Called with the DynamoDB client the functions share (benchmarks attach meters). */
  instrument?: (client: DynamoDBDocumentClient) => void;
  now?: () => number;
}
