import * as z from 'zod';
import { amendmentBodySchema } from '../../../domain/amendment';
import { analysisSchema } from '../../../domain/analysis/schema';
import { submissionBodySchema } from '../../../domain/submission';
import { alertSchema, alertsAnswerSchema } from '../../shared/alerts/alert-log';
import {
  analyzeAnswerSchema,
  analyzeRequestSchema,
  discoverAnswerSchema,
  themesAnswerSchema,
  themeTimeseriesSchema,
} from '../../shared/analysis-schemas';
import {
  aggregateSchema,
  batchAnswerSchema,
  healthSchema,
  problemSchema,
  responsePageSchema,
  responseViewSchema,
  rollingSchema,
  segmentsSchema,
  statusAnswerSchema,
  submitAnswerSchema,
  timeseriesSchema,
} from '../../shared/api-schemas';
import {
  followUpRequestSchema,
  followUpViewSchema,
  loopAnswerSchema,
  loopSchema,
} from '../../shared/follow-up-schemas';
import { forecastSchema } from '../../shared/forecast-schemas';
import { namedJsonSchemas } from '../../shared/json-schema';
import {
  eligibilitySchema,
  respondentErasureSchema,
  respondentPageSchema,
  respondentViewSchema,
  transitionsSchema,
} from '../../shared/respondent-schemas';

/** Most items of one batch (the route checks the envelope, then each item on its own). */
export const MAX_BATCH_ITEMS = 100;

const REF_BASE = '#/components/schemas/';

/** `$ref` to a component schema. */
export const ref = (id: string) => ({ $ref: `${REF_BASE}${id}` });

/** What clients send: generated from the schemas that validate requests. */
const REQUESTS = {
  Submission: submissionBodySchema,
  Amendment: amendmentBodySchema,
  FollowUpRequest: followUpRequestSchema,
  Batch: z.strictObject({ responses: z.array(submissionBodySchema).min(1).max(MAX_BATCH_ITEMS) }),
  AnalyzeRequest: analyzeRequestSchema,
};

/** What the API answers: generated from the schemas the tests check answers with. */
const ANSWERS = {
  Problem: problemSchema,
  Aggregate: aggregateSchema,
  TimeSeries: timeseriesSchema,
  RollingSeries: rollingSchema,
  Forecast: forecastSchema,
  Segments: segmentsSchema,
  Alerts: alertsAnswerSchema,
  Alert: alertSchema,
  SubmitAnswer: submitAnswerSchema,
  BatchAnswer: batchAnswerSchema,
  StatusAnswer: statusAnswerSchema,
  FollowUp: followUpViewSchema,
  Loop: loopSchema,
  LoopFigures: loopAnswerSchema,
  Response: responseViewSchema,
  Health: healthSchema,
  AnalyzeAnswer: analyzeAnswerSchema,
  Analysis: analysisSchema,
  Themes: themesAnswerSchema,
  DiscoveredTerms: discoverAnswerSchema,
  ThemeTimeSeries: themeTimeseriesSchema,
  Respondent: respondentViewSchema,
  RespondentPage: respondentPageSchema,
  ResponsePage: responsePageSchema,
  Transitions: transitionsSchema,
  RespondentErasure: respondentErasureSchema,
  Eligibility: eligibilitySchema,
};

/** The component schemas of the OpenAPI document: requests as inputs, answers as outputs, cross-referenced. */
export const componentSchemas = () => ({
  ...namedJsonSchemas(REQUESTS, { io: 'input', refBase: REF_BASE }),
  ...namedJsonSchemas(ANSWERS, { io: 'output', refBase: REF_BASE }),
});

/** The security schemes: a bearer token on the local stack (when NPS_API_TOKEN is set), SigV4 (IAM) when deployed. */
export const securitySchemes = {
  bearer: {
    type: 'http',
    scheme: 'bearer',
    description: 'Local stack only, when NPS_API_TOKEN is set: `Authorization: Bearer <token>`.',
  },
  sigv4: {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description:
      'Deployed: AWS Signature Version 4 (service `execute-api`) by a principal allowed `execute-api:Invoke` on the ' +
      'API.',
    'x-amazon-apigateway-authtype': 'awsSigv4',
  },
};
