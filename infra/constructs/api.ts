import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { type CfnStage, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { COMBINATIONS_ENV, RISK_THRESHOLD_ENV } from '../../functions/shared/config';
import { HTTP_ROUTES, type HttpFunction } from '../routes';
import { PERSONAL_DATA_TABLE, PROJECTIONS_TABLE } from '../tables';
import { NpsFunction } from './nps-function';
import type { NpsTables } from './tables';

export interface ApiProps {
  tables: NpsTables;
  segmentCombinations: string;
  riskThreshold: number;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
}

/**
 * The HTTP API: every route of `infra/routes.ts`, each authorized by IAM (SigV4), on the
 * ingest or query function; access logs in their own log group.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly functions: Record<HttpFunction, NpsFunction>;

  constructor(
    scope: Construct,
    id: string,
    { tables, segmentCombinations, riskThreshold, logRetention, removalPolicy }: ApiProps,
  ) {
    super(scope, id);
    const ingest = new NpsFunction(this, 'Ingest', {
      name: 'ingest-api',
      environment: tables.environment,
      logRetention,
      removalPolicy,
      timeout: Duration.seconds(29),
    });
    tables.events.grant(ingest, 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem');
    // Query: a person's responses through the byRespondent index (DELETE /v1/respondents/{id})
    tables.grantOn(
      tables.personalData,
      ingest,
      ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query'],
      PERSONAL_DATA_TABLE.indexes[0].name,
    );

    const query = new NpsFunction(this, 'Query', {
      name: 'query-api',
      environment: {
        ...tables.environment,
        [COMBINATIONS_ENV]: segmentCombinations,
        [RISK_THRESHOLD_ENV]: String(riskThreshold),
      },
      logRetention,
      removalPolicy,
      timeout: Duration.seconds(29),
    });
    // the list of respondents is queried through the respondentsByUpdate index
    tables.grantOn(
      tables.projections,
      query,
      ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
      PROJECTIONS_TABLE.indexes[0].name,
    );
    this.functions = { ingestApi: ingest, queryApi: query };

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'NPS backend',
      defaultAuthorizer: new HttpIamAuthorizer(),
      createDefaultStage: true,
    });
    for (const [fn, routeKeys] of Object.entries(HTTP_ROUTES) as [HttpFunction, readonly string[]][]) {
      const integration = new HttpLambdaIntegration(`${fn}Integration`, this.functions[fn].fn);
      for (const routeKey of routeKeys) {
        const [method, path] = routeKey.split(' ') as [keyof typeof HttpMethod, string];
        this.httpApi.addRoutes({ path, methods: [HttpMethod[method]], integration });
      }
    }

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: logRetention, removalPolicy });
    const stage = this.httpApi.defaultStage!.node.defaultChild as CfnStage;
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        caller: '$context.identity.caller',
        user: '$context.identity.user',
        requestTime: '$context.requestTime',
        routeKey: '$context.routeKey',
        status: '$context.status',
        responseLength: '$context.responseLength',
        latency: '$context.responseLatency',
        integrationError: '$context.integrationErrorMessage',
      }),
    };
    stage.defaultRouteSettings = {
      throttlingBurstLimit: 2000,
      throttlingRateLimit: 1000,
      detailedMetricsEnabled: true,
    };
  }
}
