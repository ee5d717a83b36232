import { afterAll, beforeAll, expect, inject } from 'vitest';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '../../infra/local/stack';
import type { TableNames } from '../../infra/tables';
import { createConformanceChecker, type ObservedAnswer } from './openapi-conformance';
import { restartableDynamoDb } from './restartable-dynamodb';
import { createTablesOn, uniquePrefix } from './tables';

/** The shared DynamoDB Local of the test run. */
export const dynamoDbEndpoint = (): string => inject('dynamoDbEndpoint');

/** Fresh tables of the backend on the run's DynamoDB Local. */
export const createTestTables = (): Promise<TableNames> => createTablesOn(dynamoDbEndpoint());

/**
 * Time budget of test stacks: the run's one DynamoDB Local serves two test workers at
 * once on a 2-core machine, so tests get a generous budget unless they test the budget
 * itself (the freeze test runs with the 3 s default).
 */
const TEST_BUDGET_MS = 15_000;

/** The local stack on a free port, on the run's DynamoDB Local, with tables of its own. */
export const startTestStack = (options: LocalStackOptions = {}): Promise<LocalStack> =>
  startLocalStack({
    port: 0,
    dynamoDbEndpoint: dynamoDbEndpoint(),
    tablePrefix: uniquePrefix(),
    logLevel: 'SILENT',
    timeoutMs: TEST_BUDGET_MS,
    ...options,
  });

let checker: ReturnType<typeof createConformanceChecker> | undefined;

/**
 * Fails the calling test when an answer does not conform to the OpenAPI document the
 * backend serves (status, content type, body): every answer of the e2e suite is checked.
 */
export const expectConforming = (answer: ObservedAnswer) => {
  checker ??= createConformanceChecker();
  const violation = checker(answer);
  expect(violation, `${answer.method} ${answer.path} → ${answer.status}: ${answer.body.slice(0, 300)}`).toBeUndefined();
};

/** A body as the text or bytes to send: JSON-encoded unless it already is text or bytes. */
const encodeBody = (body: unknown) =>
  typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);

/** The parsed JSON of an answer, or undefined when it has none or it is not JSON (CSV, a bare error). */
const parseJson = (text: string): any => {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // not JSON: the test reads `text`
  }
};

/**
 * A small HTTP client for a stack: JSON in, status + parsed body out. With
 * `retryUnavailable`, a 503 is retried after its Retry-After, as the contract asks clients
 * to (load tests on a busy machine can overload DynamoDB Local).
 */
export const api = (baseUrl: string, defaults: Record<string, string> = {}, { retryUnavailable = false } = {}) => {
  const once = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const hasBody = body !== undefined;
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...defaults, ...headers },
      ...(hasBody ? { body: encodeBody(body) } : {}),
    });
    const text = await response.text();
    expectConforming({
      method,
      path,
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: text,
    });
    return { status: response.status, headers: response.headers, body: parseJson(text), text };
  };
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    for (let attempt = 1; ; attempt++) {
      const response = await once(method, path, body, headers);
      if (!retryUnavailable || response.status !== 503 || attempt >= 10) return response;
      await new Promise((resolve) => setTimeout(resolve, 1000 * Number(response.headers.get('retry-after') ?? 1)));
    }
  };
  return {
    call,
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    post: (path: string, body: unknown, headers?: Record<string, string>) => call('POST', path, body, headers),
    patch: (path: string, body: unknown, headers?: Record<string, string>) => call('PATCH', path, body, headers),
    delete: (path: string, headers?: Record<string, string>) => call('DELETE', path, undefined, headers),
  };
};

export { mapLimited } from '../../functions/shared/concurrency';

/**
 * One local stack for a test file: started before its tests, stopped after. `stack()`
 * answers it once `beforeAll` ran; `http` calls it (JSON in, status + body out).
 *
 * @example
 * const { stack, http } = useTestStack();
 * it('…', async () => { expect((await http.get('/healthz')).status).toBe(200); await stack().settled(); });
 */
export const useTestStack = (options: LocalStackOptions = {}) => {
  let stack: LocalStack | undefined;
  let client: ReturnType<typeof api> | undefined;
  beforeAll(async () => {
    stack = await startTestStack(options);
    client = api(stack.url);
  });
  afterAll(() => stack?.stop());
  const http: ReturnType<typeof api> = {
    call: (...args) => client!.call(...args),
    get: (...args) => client!.get(...args),
    post: (...args) => client!.post(...args),
    patch: (...args) => client!.patch(...args),
    delete: (...args) => client!.delete(...args),
  };
  return { stack: () => stack!, http };
};

/**
 * A local stack on a DynamoDB Local of the test's own that can be killed and restarted
 * (outage tests); both are disposed of after the file's tests.
 */
export const useRestartableStack = () => {
  let dynamo: Awaited<ReturnType<typeof restartableDynamoDb>> | undefined;
  let stack: LocalStack | undefined;
  afterAll(async () => {
    await stack?.stop();
    await dynamo?.dispose();
  });
  return {
    start: async (options: LocalStackOptions = {}) => {
      dynamo = await restartableDynamoDb();
      stack = await startTestStack({ dynamoDbEndpoint: dynamo.endpoint, ...options });
      return { dynamo, stack };
    },
  };
};
