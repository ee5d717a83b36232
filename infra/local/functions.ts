import { Logger } from '@aws-lambda-powertools/logger';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Analyzer } from '../../domain/analysis/analyze';
import type { Combination } from '../../domain/segments';
import type { SpikeThresholds } from '../../domain/spike';
import { createAlertSweeperHandler } from '../../functions/alert-sweeper/app';
import { createIngestApiHandler } from '../../functions/ingest-api/app';
import { createIngestEventsHandler } from '../../functions/ingest-events/app';
import { PROJECTIONS } from '../../functions/projections';
import { createProjectorHandler } from '../../functions/projector/app';
import { createPublisherHandler } from '../../functions/publisher/app';
import { createQueryApiHandler } from '../../functions/query-api/app';
import { createLoopQueries } from '../../functions/query-api/loop-routes';
import { createQueries } from '../../functions/query-api/queries';
import { createRespondentQueries } from '../../functions/query-api/respondent-queries';
import { createResponseQueries } from '../../functions/query-api/response-queries';
import { createThemeQueries } from '../../functions/query-api/theme-queries';
import { createRebuildHandler } from '../../functions/rebuild/app';
import { createDynamoDbAlertLog, createDynamoDbAlertStore } from '../../functions/shared/alerts/dynamodb-alert-store';
import type { DeadLetterSink } from '../../functions/shared/dead-letters';
import { createDynamoDbEventLog, createDynamoDbEventStore } from '../../functions/shared/dynamodb-event-store';
import { createDynamoDbProjectionStore } from '../../functions/shared/dynamodb-projection-store';
import { createRespondentErasure } from '../../functions/shared/respondent-erasure';
import { createDynamoDbRespondentIndex } from '../../functions/shared/respondent-index';
import { createResponseCommands } from '../../functions/shared/response-commands';
import type { TableNames } from '../tables';

/** What the local stack's functions are configured with (the deployed ones read the same from their environment). */
export interface LocalFunctionSettings {
  combinations: Combination[];
  riskThreshold: number;
  thresholds: SpikeThresholds;
  /** `source` of published events. */
  source: string;
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  /** Clock-skew margin of a rebuild. */
  rebuildSettleMs: number;
  /** Time budget of an HTTP request (503 past it). */
  timeoutMs: number;
  /** Analyzes comments at ingest, in /v1/analyze and in re-analysis. */
  analyzer: Analyzer;
  now: () => number;
}

export interface LocalFunctionResources {
  client: DynamoDBDocumentClient;
  /** The rebuild's client: longer time budget (REBUILD_DYNAMODB_TIMEOUT_MS), more attempts; `client` when absent. */
  rebuildClient?: DynamoDBDocumentClient;
  tables: TableNames;
  eventBridge: EventBridgeClient;
  deadLetters: DeadLetterSink;
}

/**
 * Every function of the backend, built by the same factories as the deployed
 * `handler.ts` files, wired to the local tables, the local EventBridge endpoint and the
 * local dead-letter list.
 *
 * @example
 * const functions = createLocalFunctions(resources, settings);
 * await functions.projector(streamEvent, localLambdaContext('nps-projector'));
 */
export const createLocalFunctions = (
  { client, rebuildClient = client, tables, eventBridge, deadLetters }: LocalFunctionResources,
  settings: LocalFunctionSettings,
) => {
  const { combinations, now, analyzer } = settings;
  const logger = (serviceName: string) => new Logger({ serviceName, logLevel: settings.logLevel });
  const store = createDynamoDbEventStore({
    client,
    eventsTable: tables.events,
    personalDataTable: tables.personalData,
  });
  const projections = createDynamoDbProjectionStore({ client, table: tables.projections, outboxTable: tables.outbox });
  const commands = createResponseCommands({ store, now, analyzer });
  const alertDeps = {
    projections,
    alerts: createDynamoDbAlertStore({ client, table: tables.projections, outboxTable: tables.outbox }),
    thresholds: settings.thresholds,
    now,
  };
  return {
    ingestApi: createIngestApiHandler({
      commands,
      analyzer,
      eraseRespondent: createRespondentErasure({
        index: createDynamoDbRespondentIndex({ client, personalDataTable: tables.personalData }),
        commands,
        now,
      }),
      logger: logger('nps-ingest-api'),
      budgetMs: settings.timeoutMs,
    }),
    queryApi: createQueryApiHandler({
      queries: createQueries(projections),
      themes: createThemeQueries(projections, analyzer.taxonomy),
      respondents: createRespondentQueries(projections, { combinations, threshold: settings.riskThreshold }),
      responses: createResponseQueries(projections, combinations),
      loop: createLoopQueries(projections),
      alerts: createDynamoDbAlertLog({ client, table: tables.projections }),
      combinations,
      now,
      logger: logger('nps-query-api'),
      budgetMs: settings.timeoutMs,
    }),
    ingestEvents: createIngestEventsHandler({ commands, deadLetters, now, logger: logger('nps-ingest-events') }),
    projector: createProjectorHandler({
      store: projections,
      projections: PROJECTIONS,
      events: store,
      combinations,
      analyzer,
      now,
      logger: logger('nps-projector'),
    }),
    publisher: createPublisherHandler({
      ...alertDeps,
      eventBridge,
      eventBusName: 'local',
      source: settings.source,
      responses: store,
      atRisk: { views: projections, threshold: settings.riskThreshold },
      logger: logger('nps-publisher'),
    }),
    sweeper: createAlertSweeperHandler({ ...alertDeps, logger: logger('nps-alert-sweeper') }),
    rebuild: createRebuildHandler({
      store: createDynamoDbProjectionStore({
        client: rebuildClient,
        table: tables.projections,
        outboxTable: tables.outbox,
      }),
      projections: PROJECTIONS,
      log: createDynamoDbEventLog({ client: rebuildClient, eventsTable: tables.events }),
      events: createDynamoDbEventStore({
        client: rebuildClient,
        eventsTable: tables.events,
        personalDataTable: tables.personalData,
      }),
      combinations,
      analyzer,
      now,
      settleMs: settings.rebuildSettleMs,
      logger: logger('nps-rebuild'),
    }),
    streamLogger: logger('nps-local-streams'),
  };
};

export type LocalFunctions = ReturnType<typeof createLocalFunctions>;
