import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { measureBundles } from '../support/measure/bundle-sizes';
import { synthStack } from '../support/synth';

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged, and every acknowledgement states its reason', () => {
    const { app, stack } = synthStack();
    const report = new AwsSolutionsChecks(app).validateScope(stack);
    expect(
      report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.resourceLogicalId).join(', ')}`),
    ).toEqual([]);
    const acknowledgements = stack.node
      .findAll()
      .flatMap((construct) =>
        construct.node.metadata
          .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          .flatMap((entry) => Object.entries(entry.data as Record<string, unknown>)),
      );
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledgements)
      expect(String((reason as { reason?: string })?.reason ?? reason).length, id).toBeGreaterThan(40);
  });

  it('would catch a violation (a queue without TLS enforcement)', async () => {
    const { Queue } = await import('aws-cdk-lib/aws-sqs');
    const { app, stack } = synthStack();
    new Queue(stack, 'Careless');
    const report = new AwsSolutionsChecks(app).validateScope(stack);
    expect(report.violations.map((v) => v.ruleName)).toContain('AwsSolutions-SQS4');
  });
});

describe('bundles', () => {
  it('stay under 500 KB minified per function', () => {
    const sizes = measureBundles();
    console.log(`bundle sizes: ${sizes.map((s) => `${s.function} ${(s.bytes / 1024).toFixed(0)} KB`).join(', ')}`);
    expect(sizes.length).toBeGreaterThanOrEqual(5);
    for (const { function: fn, bytes } of sizes) expect(bytes, fn).toBeLessThan(500 * 1024);
  }, 120_000);
});
