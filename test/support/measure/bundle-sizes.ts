import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { stackConfig } from '../../../infra/config';
import { NpsBackendStack } from '../../../infra/stack';

export interface BundleSize {
  /** Logical id of the function in the template. */
  function: string;
  /** Minified bundle (`index.mjs`), bytes. */
  bytes: number;
  /** Where the bundle is (only while `keepIn` keeps the assembly). */
  file: string;
}

/**
 * Synthesizes the stack with real bundling (the local esbuild, as `cdk synth` does) into
 * a temporary cloud assembly and reports the size of each function's bundle.
 */
export const measureBundles = (keepIn?: string): BundleSize[] => {
  const outdir = keepIn ?? mkdtempSync(join(tmpdir(), 'nps-synth-'));
  try {
    const app = new App({ outdir });
    new NpsBackendStack(app, 'Bundles', { config: stackConfig({}) });
    const assembly = app.synth();
    const template = assembly.getStackByName('Bundles').template as {
      Resources: Record<string, { Type: string; Properties: { Code?: { S3Key?: string } } }>;
    };
    return Object.entries(template.Resources)
      .filter(([, resource]) => resource.Type === 'AWS::Lambda::Function' && resource.Properties.Code?.S3Key)
      .map(([id, resource]) => {
        const hash = resource.Properties.Code!.S3Key!.split('.')[0];
        const file = join(outdir, `asset.${hash}`, 'index.mjs');
        return { function: id, bytes: statSync(file).size, file };
      });
  } finally {
    if (!keepIn) rmSync(outdir, { recursive: true, force: true });
  }
};
