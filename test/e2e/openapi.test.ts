import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../functions/query-api/openapi/document';
import { HTTP_ROUTES } from '../../infra/routes';
import { EVENT_SCHEMAS_FILE } from '../../scripts/event-schemas';
import { useTestStack } from '../support/stack';

const { stack, http } = useTestStack();

/** Redocly's findings for a document, with its recommended rules. */
const redoclyLint = async (document: unknown) => {
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
  return problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`);
};

describe('GET /v1/openapi.json', () => {
  it('is the generated document, and Redocly (recommended rules) finds no error in it', async () => {
    const served = (await http.get('/v1/openapi.json')).body;
    // its first server is the stack that served it, on whatever port it listens
    expect(served).toEqual(JSON.parse(JSON.stringify(openApiDocument(stack().url))));
    const findings = await redoclyLint(served);
    console.log(`redocly: ${findings.length} findings${findings.length ? `: ${findings.join('; ')}` : ''}`);
    expect(findings.filter((f) => f.startsWith('error'))).toEqual([]);
    // the same lint on a document with a dangling reference does find errors (the check can fail)
    const broken = structuredClone(served);
    broken.paths['/v1/nps'].get.responses['200'].content['application/json'].schema = { $ref: '#/$defs/Aggregate' };
    expect((await redoclyLint(broken)).filter((f) => f.startsWith('error')).length).toBeGreaterThan(0);
  });

  it('is valid for swagger-parser (every $ref resolves, the document matches the OpenAPI 3.1 schema)', async () => {
    const served = (await http.get('/v1/openapi.json')).body;
    await expect(SwaggerParser.validate(structuredClone(served))).resolves.toBeTruthy();
    const broken = structuredClone(served);
    broken.components.schemas.TimeSeries.properties.points.items = { $ref: '#/$defs/Aggregate' };
    await expect(SwaggerParser.validate(broken)).rejects.toThrow();
  });

  it('describes every route with operation ids, security schemes, servers, limits and errors', async () => {
    const document = (await http.get('/v1/openapi.json')).body;
    const operations = Object.values(
      document.paths as Record<string, Record<string, { operationId?: string; responses: Record<string, unknown> }>>,
    ).flatMap((item) =>
      Object.entries(item)
        .filter(([method]) => ['get', 'head', 'post', 'patch', 'delete'].includes(method))
        .map(([, op]) => op),
    );
    const routeCount = Object.values(HTTP_ROUTES).flat().length;
    expect(operations.length).toBe(routeCount);
    expect(new Set(operations.map((op) => op.operationId)).size).toBe(routeCount);
    for (const op of operations)
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['400', '401', '414', '431', 'default']));
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['bearer', 'sigv4']);
    expect(document.servers.length).toBe(2);
    const submission = document.components.schemas.Submission.properties;
    expect([
      submission.score.minimum,
      submission.score.maximum,
      submission.comment.maxLength,
      submission.segments.maxProperties,
    ]).toEqual([0, 10, 5000, 10]);
    expect(document.components.schemas.Batch.properties.responses.maxItems).toBe(100);
  });
});

describe('docs/events.schema.json', () => {
  it('is a valid standalone JSON Schema whose every $ref resolves', () => {
    const schema = JSON.parse(readFileSync(EVENT_SCHEMAS_FILE, 'utf8'));
    const validate = new Ajv2020({ strict: false }).compile(schema);
    const detail = {
      metadata: {
        id: 'DetractorResponseReceived:r1',
        type: 'DetractorResponseReceived',
        version: 1,
        occurredAt: '2026-11-23T06:43:13.487Z',
      },
      data: { responseId: 'r1', score: 3, submittedAt: '2026-11-20T10:15:00.000Z', segments: {} },
    };
    expect(validate(detail)).toBe(true);
    expect(validate({ ...detail, data: { ...detail.data, score: 9 } })).toBe(false);
  });
});
