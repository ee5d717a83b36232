import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { compileTaxonomy } from '../../domain/analysis/taxonomy';
import { stackConfig } from '../../infra/config';
import { bakedTaxonomy } from '../../infra/constructs/nps-function';
import { NpsBackendStack } from '../../infra/stack';

const directory = mkdtempSync(join(tmpdir(), 'nps-cdk-themes-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const themesFile = (name: string, content: unknown) => {
  const path = join(directory, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
};

const synth = (path: string) => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], themesFile: path } });
  return new NpsBackendStack(app, 'Themes', {
    config: stackConfig({ themesFile: path }),
    env: { account: '123456789012', region: 'eu-west-1' },
  });
};

describe('CDK context themesFile', () => {
  it('bakes a valid taxonomy into the bundles as process.env.NPS_THEMES_JSON', () => {
    const file = { themes: [{ id: 'billing', label: 'Billing', keywords: { en: ['invoice'] } }] };
    const path = themesFile('billing.json', file);
    expect(() => synth(path)).not.toThrow();
    const define = bakedTaxonomy(path);
    const baked = JSON.parse(JSON.parse(define['process.env.NPS_THEMES_JSON']!));
    expect(compileTaxonomy(baked).themes.map((t) => t.id)).toContain('billing');
    expect(bakedTaxonomy(undefined)).toEqual({});
  });

  it('fails the synth with the path and the reason of an invalid file', () => {
    const path = themesFile('bad.json', { themes: [{ id: 'billing', label: '', keywords: {} }] });
    expect(() => synth(path)).toThrow(new RegExp(`${path}.*themes\\.0\\.label`));
  });
});
