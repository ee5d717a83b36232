/**
 * The CDK app: `npm run synth` (offline, no credentials), `npx cdk deploy`. Settings come
 * from CDK context (see infra/config.ts and the README); cdk-nag's AwsSolutions checks
 * run as a validation plugin on every synth.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CONFIG_KEYS, stackConfig } from './config';
import { NpsBackendStack } from './stack';

const app = new App();
const config = stackConfig(Object.fromEntries(CONFIG_KEYS.map((key) => [key, app.node.tryGetContext(key)])));
new NpsBackendStack(app, app.node.tryGetContext('stackName') ?? 'NpsBackend', {
  config,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  description: 'Event-sourced NPS backend: ingest, exactly-once projections, query API, alerts',
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
