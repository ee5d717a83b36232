import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../functions/query-api/openapi/document';
import { mapLimited } from '../../functions/shared/concurrency';
import { rawRequest } from '../support/raw-http';
import { mutated, PROTOTYPE_NAMES, schemaArbitrary } from '../support/schema-arbitrary';
import { expectConforming, useTestStack } from '../support/stack';

type Json = Record<string, any>;

const document = openApiDocument() as Json;
const SEEDED_IDS = Array.from({ length: 10 }, (_, i) => `fz-${i}`);
const ACCEPT = [
  'application/json',
  'text/csv',
  'application/json, text/csv;q=0.1',
  'text/csv;q=0.9, application/json;q=0.2',
  '*/*',
  'text/html',
  'text/*',
  '',
];

/** Every documented operation of the document (HEAD twins included). */
const operations = Object.entries(document.paths as Json).flatMap(([template, item]) =>
  ['get', 'head', 'post', 'patch', 'delete']
    .filter((method) => item[method])
    .map((method) => ({ template, method, operation: item[method] as Json })),
);

const pathArbitrary = (template: string) =>
  fc
    .oneof(
      fc.constantFrom(...SEEDED_IDS),
      fc.constantFrom(...PROTOTYPE_NAMES),
      fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,20}$/),
    )
    .map((id) => template.replace('{responseId}', encodeURIComponent(id)));

/** Query parameters: documented ones (valid or mutated), sometimes an unknown or prototype-like one. */
const queryArbitrary = (operation: Json) => {
  const parameters = (operation.parameters ?? []) as Json[];
  const documented = parameters.map((p) =>
    fc.option(
      fc
        .oneof(
          { weight: 4, arbitrary: schemaArbitrary(p.schema, document) },
          { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
        )
        .map((v) => [p.name, String(v)] as const),
      { nil: undefined },
    ),
  );
  const unknownParameter = fc.tuple(fc.constantFrom(...PROTOTYPE_NAMES, 'unknown'), fc.constantFrom('1', 'x', ''));
  const extra = fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: unknownParameter });
  return fc
    .tuple(fc.tuple(...documented), extra)
    .map(([pairs, unknown]) =>
      new URLSearchParams([...pairs.filter((p) => p !== undefined), ...(unknown ? [unknown] : [])] as [
        string,
        string,
      ][]).toString(),
    );
};

const bodyArbitrary = (operation: Json) => {
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  if (!schema) return fc.constant(undefined);
  return schemaArbitrary(schema, document).chain((valid) =>
    fc.oneof({ weight: 3, arbitrary: fc.constant(valid) }, { weight: 2, arbitrary: mutated(valid) }),
  );
};

/** A generated request. */
interface Generated {
  method: string;
  path: string;
  query: string;
  body: unknown;
  accept: string;
}

/** One request to one operation, valid or wrong in one or more ways. */
const requestArbitrary = fc.constantFrom(...operations).chain(({ template, method, operation }) =>
  fc.record({
    method: fc.constant(method.toUpperCase()),
    path: pathArbitrary(template),
    query: queryArbitrary(operation),
    body: bodyArbitrary(operation),
    accept: fc.constantFrom(...ACCEPT),
  }),
);

const { stack, http } = useTestStack();

/** Sends one generated request; checks its answer against the document; answers what it got. */
const send = async ({ method, path, query, body, accept }: Generated) => {
  const target = `${path}${query ? `?${query}` : ''}`;
  const init = {
    method,
    headers: { ...(accept ? { accept } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  };
  // a kept-alive connection the server closed as the client reused it (a timer late on a
  // loaded machine) is reset: clients resend, as every request here may safely be resent
  const response = await fetch(`${stack().url}${target}`, init).catch(() => fetch(`${stack().url}${target}`, init));
  const text = await response.text();
  const contentType = response.headers.get('content-type');
  expectConforming({ method, path: target, status: response.status, contentType, body: text });
  const problem =
    method === 'HEAD' || (contentType === 'application/problem+json' && JSON.parse(text).status === response.status);
  return { status: response.status, operation: `${method} ${path.split('/').slice(0, 3).join('/')}`, problem };
};

describe('generated requests from the OpenAPI document (valid and invalid, prototype-like names included)', () => {
  it('answers 2,400 of them with no 5xx, every error a problem document, every answer conforming to the ' +
    'document', async () => {
    for (const id of SEEDED_IDS)
      await http.post('/v1/responses', {
        responseId: id,
        score: 7,
        submittedAt: '2026-11-20T10:15:00Z',
        segments: { constructor: 'x' },
      });
    const outcomes = await mapLimited(fc.sample(requestArbitrary, { numRuns: 2_400, seed: 2026 }), 8, send);
    const statuses: Record<number, number> = {};
    for (const { status } of outcomes) statuses[status] = (statuses[status] ?? 0) + 1;
    console.log(
      `fuzz: ${outcomes.length} requests over ${operations.length} operations; statuses ${JSON.stringify(statuses)}`,
    );
    expect(outcomes.filter((o) => o.status >= 500)).toEqual([]);
    expect(outcomes.filter((o) => o.status >= 400 && !o.problem)).toEqual([]);
    expect(new Set(outcomes.filter((o) => o.status < 300).map((o) => o.operation)).size).toBeGreaterThan(8);
  }, 240_000);
});

const MALFORMED_HOSTS = ['[', 'a b', 'x:99999', '%', '%zz', 'a:b:c', '[::1', 'host:-1', '\u00e9'];
const DEEP = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;

/** What the request line and headers can get wrong around a documented operation: Host, target form, nesting. */
const transportArbitrary = fc.constantFrom(...operations).chain(({ template, method }) =>
  fc.record({
    method: fc.constant(method.toUpperCase()),
    target: pathArbitrary(template).chain((path) =>
      fc.constantFrom(
        path,
        `/${path}`,
        `//x${path}`,
        `http://127.0.0.1${path}`,
        `http://x:99999${path}`,
        `http://[${path}`,
      ),
    ),
    host: fc.oneof(fc.constant('127.0.0.1'), fc.constant(''), fc.constantFrom(...MALFORMED_HOSTS)),
    body:
      method === 'post' || method === 'patch'
        ? fc.constantFrom(DEEP, `{"a":${DEEP}}`, `{"responses":[${DEEP}]}`)
        : fc.constant(''),
  }),
);

describe('generated requests with malformed Host headers, absolute-form targets, // prefixes and deep nesting', () => {
  it('answers 300 of them with no 5xx, every error a problem document', async () => {
    const port = Number(new URL(stack().url).port);
    const send = async ({
      method,
      target,
      host,
      body,
    }: {
      method: string;
      target: string;
      host: string;
      body: string;
    }) => {
      const head = `${method} ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n`;
      const length = Buffer.byteLength(body);
      const answer = await rawRequest(
        port,
        `${head}content-type: application/json\r\ncontent-length: ${length}\r\n\r\n${body}`,
      );
      const problem = method === 'HEAD' || answer.headers['content-type'] === 'application/problem+json';
      return { target, host, status: answer.status, problem };
    };
    const outcomes = await mapLimited(fc.sample(transportArbitrary, { numRuns: 300, seed: 2027 }), 8, send);
    const statuses: Record<number, number> = {};
    for (const { status } of outcomes) statuses[status] = (statuses[status] ?? 0) + 1;
    console.log(`fuzz (transport): ${outcomes.length} requests; statuses ${JSON.stringify(statuses)}`);
    expect(outcomes.filter((o) => !(o.status >= 200 && o.status < 500))).toEqual([]);
    expect(outcomes.filter((o) => o.status >= 400 && !o.problem)).toEqual([]);
  }, 240_000);
});
