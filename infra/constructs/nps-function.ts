import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { taxonomyFromFile } from '../../functions/shared/analyzer';
import { METRICS_NAMESPACE } from '../../functions/shared/observability';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The taxonomy file of the CDK context `themesFile`, validated (an invalid file fails the
 * synth with its path and the reason) and baked into the bundle as
 * `process.env.NPS_THEMES_JSON` (no size limit, unlike the Lambda environment).
 */
export const bakedTaxonomy = (themesFile: unknown): Record<string, string> => {
  if (typeof themesFile !== 'string' || !themesFile) return {};
  taxonomyFromFile(themesFile);
  return {
    'process.env.NPS_THEMES_JSON': JSON.stringify(JSON.stringify(JSON.parse(readFileSync(themesFile, 'utf8')))),
  };
};

export interface NpsFunctionProps {
  /** Folder under `functions/` whose `handler.ts` exports `handler`. */
  name: string;
  environment?: Record<string, string>;
  memorySize?: number;
  timeout?: Duration;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
}

/**
 * One Lambda function of the backend, as every function is deployed: Node.js 22 on
 * arm64, bundled by the local esbuild (ESM, minified, source maps; the AWS SDK comes
 * from the runtime), its own log group with bounded retention, X-Ray tracing, and its own
 * role that starts with nothing but writing its logs — each construct then grants
 * exactly what the function uses.
 */
export class NpsFunction extends Construct implements IGrantable {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly grantPrincipal;

  constructor(scope: Construct, id: string, props: NpsFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: props.removalPolicy });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `nps ${props.name}`,
    });
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    this.grantPrincipal = this.role;
    this.fn = new NodejsFunction(this, 'Function', {
      entry: `${ROOT}functions/${props.name}/handler.ts`,
      handler: 'handler',
      projectRoot: ROOT,
      depsLockFilePath: `${ROOT}package-lock.json`,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      role: this.role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_SERVICE_NAME: `nps-${props.name}`,
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        mainFields: ['module', 'main'],
        externalModules: ['@aws-sdk/*'],
        banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        define: bakedTaxonomy(this.node.tryGetContext('themesFile')),
      },
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only actions AWS offers on "*" alone: xray:PutTraceSegments/PutTelemetryRecords (tracing) and, for stream ' +
        'consumers, ' +
        'dynamodb:ListStreams. test/infra/stack.test.ts fails on any other wildcard.',
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is the runtime the code, its dependencies (middy 6, AWS SDK, Powertools 2.35) and CI are ' +
        'verified on; move with them.',
    });
  }
}
