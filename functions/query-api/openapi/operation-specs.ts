import { MAX_ANALYZE_COMMENTS } from '../../shared/analysis-schemas';
import { alertsParams } from '../alert-routes';
import {
  forecastParams,
  MAX_ROLLING_POINTS,
  MAX_TIMESERIES_POINTS,
  npsParams,
  rollingParams,
  timeseriesParams,
} from '../params';
import { discoverParams, themesParams, themeTimeseriesParams } from '../theme-routes';
import { MAX_BATCH_ITEMS } from './components';
import { LOOP_OPERATIONS } from './loop-operations';
import { type OperationSpec, responseIdParameter } from './operation-spec';
import { RESPONDENT_OPERATIONS } from './respondent-operations';
import { RESPONSE_LIST_OPERATIONS } from './response-operations';

type Json = Record<string, unknown>;

export type { OperationSpec } from './operation-spec';

const aggregate = { description: 'one aggregate', schema: 'Aggregate', csv: true };

/** Every operation of the API, by path and method. */
export const OPERATIONS: Record<
  string,
  { parameters?: Json[] } & Partial<Record<'get' | 'post' | 'patch' | 'delete', OperationSpec>>
> = {
  '/v1/responses/batch': {
    post: {
      operationId: 'submitResponses',
      summary: `Submit 1–${MAX_BATCH_ITEMS} responses; each is answered on its own`,
      body: { schema: 'Batch', limitBytes: 1_048_576 },
      answers: {
        200: {
          description: 'one result per item, in request order (a rejected item carries its problem)',
          schema: 'BatchAnswer',
        },
      },
    },
  },
  '/v1/responses/{responseId}': {
    parameters: [responseIdParameter],
    get: {
      operationId: 'getResponse',
      summary: 'Current state and event history',
      answers: { 200: { description: 'the response', schema: 'Response' } },
      problems: { 404: 'unknown responseId' },
    },
    patch: {
      operationId: 'amendResponse',
      summary: 'Amend score and/or comment',
      body: { schema: 'Amendment', limitBytes: 65_536 },
      answers: {
        202: { description: 'amended', schema: 'StatusAnswer' },
        200: { description: 'same values as now: unchanged', schema: 'StatusAnswer' },
      },
      problems: { 404: 'unknown responseId', 410: 'erased (checked before anything else)' },
    },
    delete: {
      operationId: 'eraseResponse',
      summary: 'Erase (GDPR art. 17)',
      answers: {
        202: { description: 'erased', schema: 'StatusAnswer' },
        200: { description: 'already erased', schema: 'StatusAnswer' },
      },
      problems: { 404: 'unknown responseId' },
    },
  },
  '/v1/analyze': {
    post: {
      operationId: 'analyzeComments',
      summary: `Analyse 1–${MAX_ANALYZE_COMMENTS} comments (language, sentiment, themes); stores and publishes nothing`,
      body: { schema: 'AnalyzeRequest', limitBytes: 1_048_576 },
      answers: { 200: { description: 'one analysis per comment, in request order', schema: 'AnalyzeAnswer' } },
      usesDynamoDb: false,
    },
  },
  '/v1/nps': {
    get: {
      operationId: 'getNps',
      summary: 'One aggregate over the UTC days from..to',
      query: npsParams,
      answers: { 200: aggregate },
    },
  },
  '/v1/nps/timeseries': {
    get: {
      operationId: 'getNpsTimeSeries',
      summary: `One aggregate per bucket meeting from..to (at most ${MAX_TIMESERIES_POINTS})`,
      query: timeseriesParams,
      answers: { 200: { description: 'the series', schema: 'TimeSeries', csv: true } },
    },
  },
  '/v1/nps/rolling': {
    get: {
      operationId: 'getNpsRolling',
      summary: `One aggregate per day over the window ending that day (at most ${MAX_ROLLING_POINTS} points)`,
      query: rollingParams,
      answers: { 200: { description: 'the series', schema: 'RollingSeries', csv: true } },
    },
  },
  '/v1/nps/forecast': {
    get: {
      operationId: 'getNpsForecast',
      summary: 'The time series over from..to and a forecast of the next buckets with 80% and 95% prediction intervals',
      query: forecastParams,
      answers: { 200: { description: 'history, forecast and the fitted model', schema: 'Forecast', csv: true } },
    },
  },
  '/v1/alerts': {
    get: {
      operationId: 'listAlerts',
      summary: 'Detractor-share alerts: the episodes still open and the latest ones (from the published transitions)',
      query: alertsParams,
      answers: { 200: { description: 'open and recent alerts', schema: 'Alerts' } },
    },
  },
  '/v1/segments': {
    get: {
      operationId: 'listSegments',
      summary: 'Dimensions and the values seen',
      answers: { 200: { description: 'the catalogue', schema: 'Segments' } },
    },
  },
  '/v1/themes': {
    get: {
      operationId: 'getThemes',
      summary: 'Every theme of the taxonomy over the UTC days from..to, with key-driver impact (most harmful first)',
      query: themesParams,
      answers: { 200: { description: 'the themes', schema: 'Themes', csv: true } },
    },
  },
  '/v1/themes/timeseries': {
    get: {
      operationId: 'getThemeTimeSeries',
      summary: `One theme per bucket meeting from..to (at most ${MAX_TIMESERIES_POINTS})`,
      query: themeTimeseriesParams,
      answers: { 200: { description: 'the series', schema: 'ThemeTimeSeries', csv: true } },
    },
  },
  '/v1/themes/discover': {
    get: {
      operationId: 'discoverTerms',
      summary:
        'Words and two-word phrases most over-represented in detractor vs promoter comments (log-odds, informative ' +
        'Dirichlet prior), over the whole months from..to meets',
      query: discoverParams,
      answers: { 200: { description: 'the terms', schema: 'DiscoveredTerms', csv: true } },
    },
  },
  ...RESPONDENT_OPERATIONS,
  ...LOOP_OPERATIONS,
  ...RESPONSE_LIST_OPERATIONS,
  '/v1/openapi.json': {
    get: {
      operationId: 'getOpenApi',
      summary: 'This document',
      answers: { 200: { description: 'OpenAPI 3.1', schema: 'OpenApi' } },
      usesDynamoDb: false,
    },
  },
  '/healthz': {
    get: {
      operationId: 'getHealth',
      summary: 'Liveness',
      answers: { 200: { description: 'ok', schema: 'Health' } },
      usesDynamoDb: false,
    },
  },
};
