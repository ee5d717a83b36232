import { Logger } from '@aws-lambda-powertools/logger';
import { projectionConfigFromEnv } from '../shared/config';
import { createDocumentClient } from '../shared/dynamodb';
import { createDynamoDbProjectionStore } from '../shared/dynamodb-projection-store';
import { tableNamesFromEnv } from '../shared/environment';
import { createQueryApiHandler } from './app';
import { createQueries } from './queries';

const store = createDynamoDbProjectionStore({ client: createDocumentClient(), table: tableNamesFromEnv().projections });

export const handler = createQueryApiHandler({
  queries: createQueries(store),
  combinations: projectionConfigFromEnv().combinations,
  now: Date.now,
  logger: new Logger({ serviceName: 'nps-query-api' }),
});
