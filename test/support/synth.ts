import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { stackConfig } from '../../infra/config';
import { NpsBackendStack } from '../../infra/stack';

/**
 * The stack synthesized without bundling the functions (fast; never deploy such a
 * template), with the given context.
 */
export const synthStack = (context: Record<string, unknown> = {}) => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new NpsBackendStack(app, 'Test', {
    config: stackConfig(context),
    env: { account: '123456789012', region: 'eu-west-1' },
  });
  return { app, stack, template: Template.fromStack(stack) };
};

/** The resources of a type in a template, as `[logicalId, resource]` pairs. */
export const resourcesOf =
  (template: Template) =>
  (type: string): [string, any][] =>
    Object.entries(template.findResources(type));
