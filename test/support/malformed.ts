import fc from 'fast-check';
import { mapLimited } from '../../functions/shared/concurrency';
import { badAmendment, badBatch, badSubmission, badTransport, encodeJson } from './malformed-bodies';
import { expectConforming } from './stack';

/** A request that must be refused with a 4xx problem and write nothing. */
export interface MalformedRequest {
  kind: string;
  method: 'POST' | 'PATCH' | 'GET' | 'PUT' | 'DELETE';
  path: string;
  contentType: string;
  body: string | Uint8Array;
}

/**
 * `count` malformed requests across the ingest routes, reproducibly for a seed.
 * `amendableId` must name an existing response (PATCH checks need one).
 */
export const malformedRequests = (count: number, amendableId: string, seed = 42): MalformedRequest[] => {
  const request = fc.oneof(
    {
      weight: 5,
      arbitrary: badSubmission.map(({ kind, body }) => ({
        kind,
        method: 'POST' as const,
        path: '/v1/responses',
        contentType: 'application/json',
        body: encodeJson(body) as string | Uint8Array,
      })),
    },
    { weight: 2, arbitrary: badTransport.map((t) => ({ ...t, method: 'POST' as const, path: '/v1/responses' })) },
    {
      weight: 2,
      arbitrary: badAmendment.map((body) => ({
        kind: 'amendment',
        method: 'PATCH' as const,
        path: `/v1/responses/${amendableId}`,
        contentType: 'application/json',
        body: encodeJson(body) as string | Uint8Array,
      })),
    },
    {
      weight: 1,
      arbitrary: badTransport.map((t) => ({
        ...t,
        kind: `amendment ${t.kind}`,
        method: 'PATCH' as const,
        path: `/v1/responses/${amendableId}`,
      })),
    },
    {
      weight: 1,
      arbitrary: badBatch.map((body) => ({
        kind: 'batch envelope',
        method: 'POST' as const,
        path: '/v1/responses/batch',
        contentType: 'application/json',
        body: encodeJson(body) as string | Uint8Array,
      })),
    },
  );
  return fc.sample(request, { numRuns: count, seed });
};

/** A query request that must be refused with a 4xx problem. */
const badQuery = fc.oneof(
  fc.constantFrom('/v1/nps', '/v1/nps/timeseries', '/v1/nps/rolling').chain((path) =>
    fc.oneof(
      fc
        .constantFrom(
          'from=2026-13-01',
          'to=2026-02-30',
          'from=yesterday',
          'from=2026-11-20&to=2026-11-01',
          'from=1999-12-31',
          'to=2101-01-01',
          'segment=Region:eu',
          'segment=region',
          'segment=region:eu;x',
          'segment=plan:pro,region:eu',
          'segment=',
          'format=xml',
          'nonsense=1',
          'segment=region:eu&segment=region:us',
        )
        .map((q) => `${path}?${q}`),
      fc
        .stringMatching(/^[a-z]{1,8}=[\x21-\x7e]{0,12}$/)
        .filter((q) => !/^(segment|from|to|format|granularity|window)=/.test(q))
        .map((q) => `${path}?${q}`),
    ),
  ),
  fc
    .constantFrom('granularity=minute', 'granularity=hour&from=2026-01-01&to=2026-12-31', 'granularity=', 'window=14')
    .map((q) => `/v1/nps/timeseries?${q}`),
  fc.constantFrom('window=14', 'window=30&from=2025-01-01&to=2026-06-01', 'window=').map((q) => `/v1/nps/rolling?${q}`),
  fc.constantFrom('/v1/segments?x=1', '/v1/openapi.json?x=1'),
);

/** Requests to paths or methods that do not exist. */
const badRoute = fc.oneof(
  fc
    .stringMatching(/^\/v[0-9]\/[a-z]{1,10}$/)
    .filter((p) => !['/v1/nps', '/v1/segments', '/v1/responses'].includes(p))
    .map((path) => ({ method: 'GET', path })),
  fc.constantFrom(
    { method: 'PUT', path: '/v1/responses/x' },
    { method: 'DELETE', path: '/v1/responses' },
    { method: 'POST', path: '/v1/nps' },
    { method: 'PATCH', path: '/v1/responses/batch' },
    { method: 'GET', path: '/v1/responses/%20' },
    { method: 'DELETE', path: '/v1/responses/..' },
  ),
);

/** `count` malformed requests across every route of the API (ingest, query, unknown), reproducibly for a seed. */
export const malformedRequestsAllRoutes = (count: number, amendableId: string, seed = 7): MalformedRequest[] => {
  const ingestShare = Math.floor(count * 0.7);
  const others = fc.sample(
    fc.oneof(
      {
        weight: 3,
        arbitrary: badQuery.map((path) => ({
          kind: `query ${path.split('?')[0]}`,
          method: 'GET' as const,
          path,
          contentType: 'application/json',
          body: '' as string | Uint8Array,
        })),
      },
      {
        weight: 1,
        arbitrary: badRoute.map(({ method, path }) => ({
          kind: `route ${method}`,
          method: method as MalformedRequest['method'],
          path,
          contentType: 'application/json',
          body: (method === 'GET' ? '' : '{}') as string | Uint8Array,
        })),
      },
    ),
    { numRuns: count - ingestShare, seed },
  );
  return [...malformedRequests(ingestShare, amendableId, seed), ...others];
};

/** What one malformed request got: its status, and whether the answer is a problem document of that status. */
export interface MalformedOutcome {
  kind: string;
  status: number;
  problem: boolean;
}

/**
 * Sends malformed requests to a stack, 8 at a time; answers what each got.
 *
 * @example
 * const outcomes = await sendMalformed(stack.url, malformedRequests(100, 'seed-id'));
 */
export const sendMalformed = (baseUrl: string, requests: MalformedRequest[]): Promise<MalformedOutcome[]> =>
  mapLimited(requests, 8, async (r) => {
    const response = await fetch(`${baseUrl}${r.path}`, {
      method: r.method,
      headers: { 'content-type': r.contentType },
      ...(r.method === 'GET' ? {} : { body: r.body }),
    });
    const text = await response.text();
    expectConforming({
      method: r.method,
      path: r.path,
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: text,
    });
    const problem =
      response.headers.get('content-type') === 'application/problem+json' &&
      JSON.parse(text).status === response.status;
    return { kind: r.kind, status: response.status, problem };
  });

/** How many answers had each status. */
export const countStatuses = (outcomes: MalformedOutcome[]): Record<number, number> => {
  const byStatus: Record<number, number> = {};
  for (const { status } of outcomes) byStatus[status] = (byStatus[status] ?? 0) + 1;
  return byStatus;
};
