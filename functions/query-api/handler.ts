import { createDynamoDbAlertLog } from '../shared/alerts/dynamodb-alert-store';
import { loadAnalyzer } from '../shared/analyzer';
import { projectionConfigFromEnv } from '../shared/config';
import { createDocumentClient } from '../shared/dynamodb';
import { createDynamoDbProjectionStore } from '../shared/dynamodb-projection-store';
import { tableNamesFromEnv, timeoutMsFromEnv } from '../shared/environment';
import { lambdaObservability } from '../shared/lambda-observability';
import { createQueryApiHandler } from './app';
import { createLoopQueries } from './loop-routes';
import { createQueries } from './queries';
import { createRespondentQueries } from './respondent-queries';
import { createResponseQueries } from './response-queries';
import { createThemeQueries } from './theme-queries';

const observability = lambdaObservability('nps-query-api');

const client = observability.tracer.captureAWSv3Client(createDocumentClient({ timeoutMs: timeoutMsFromEnv() }));
const store = createDynamoDbProjectionStore({ client, table: tableNamesFromEnv().projections });

const config = projectionConfigFromEnv();

export const handler = createQueryApiHandler({
  queries: createQueries(store),
  themes: createThemeQueries(store, loadAnalyzer().taxonomy),
  respondents: createRespondentQueries(store, { combinations: config.combinations, threshold: config.riskThreshold }),
  responses: createResponseQueries(store, config.combinations),
  loop: createLoopQueries(store),
  alerts: createDynamoDbAlertLog({ client, table: tableNamesFromEnv().projections }),
  combinations: config.combinations,
  now: Date.now,
  ...observability,
  budgetMs: timeoutMsFromEnv(),
});
