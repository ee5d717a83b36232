import * as z from 'zod';
import { fieldErrorsOf } from '../../domain/validation';
import type { RebuildResult } from '../../functions/rebuild/rebuild';
import { parseJsonText } from '../../functions/shared/http';
import { HttpProblem, type ProblemKind, validationProblem } from '../../functions/shared/problems';
import type { LocalEventBus } from './event-bus';
import type { LocalEndpoint } from './http-server';
import type { RequestTarget } from './request-target';

const json = (status: number, body: unknown) => ({ status, body });
const problem = (kind: ProblemKind, detail: string) => {
  const document = new HttpProblem(kind, detail).toProblem();
  return json(document.status, document);
};
const badRequest = (detail: string) => problem('validation', detail);
const methodNotAllowed = (allowed: string) => problem('method-not-allowed', allowed);

/** Most events one page of `GET /local/events` answers, and its default. */
export const MAX_EVENTS_PAGE = 10_000;
const DEFAULT_EVENTS_PAGE = 1_000;

const eventsQuery = z.strictObject({
  detailType: z.string().min(1).optional(),
  after: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_EVENTS_PAGE).default(DEFAULT_EVENTS_PAGE),
});

/** Query parameters as a strict schema sees them: unknown ones are a 400, as on the API. */
const parseQuery = <S extends z.ZodType>(schema: S, url: RequestTarget): z.infer<S> => {
  const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success)
    throw validationProblem(fieldErrorsOf(parsed.error), 'The query parameters are not valid; see errors.');
  return parsed.data;
};

/** `GET /local/events`: a page of the retained events, oldest first, with `next` when more follow. */
const listEvents = (bus: LocalEventBus, url: RequestTarget) => {
  const query = parseQuery(eventsQuery, url);
  const page = bus.eventsPage(query);
  if (!page)
    return problem(
      'not-found',
      `Event ${query.after} is not in the local log (it keeps the latest events only); page from the start.`,
    );
  return json(200, { events: page.entries, ...(page.next ? { next: page.next } : {}) });
};

/** `POST /local/events`: puts an event on the local bus, routed like the deployed rules route it. */
const putEvent = (bus: LocalEventBus, body: Buffer) => {
  const parsed = parseJsonText(body.toString('utf8')) as {
    detailType?: unknown;
    detail?: unknown;
    source?: unknown;
  } | null;
  if (typeof parsed?.detailType !== 'string' || parsed.detailType === '')
    return badRequest('detailType (string) is required.');
  if (parsed.detail === undefined) return badRequest('detail is required.');
  const source = typeof parsed.source === 'string' ? parsed.source : 'local.client';
  const [event] = bus.put([{ source, detailType: parsed.detailType, detail: parsed.detail }]);
  return json(202, { id: event!.id });
};

/**
 * Runs one rebuild at a time: a second request while one runs is a 409 problem saying since
 * when it runs (starting two would abandon the first one's generation).
 */
const oneRebuildAtATime = (runRebuild: () => Promise<RebuildResult>) => {
  let runningSince: string | undefined;
  return async () => {
    if (runningSince)
      return problem('conflict', `A rebuild is running since ${runningSince}; start another once it has ended.`);
    runningSince = new Date().toISOString();
    try {
      return json(200, await runRebuild());
    } finally {
      runningSince = undefined;
    }
  };
};

/**
 * The local stack's own endpoints (behind the token when one is set, like the API): the
 * published events, the dead letters of the inbound path, a way to put events on the bus,
 * and the rebuild. Query parameters are as strict as on the API.
 */
export const localEndpoints = (
  bus: LocalEventBus,
  runRebuild: () => Promise<RebuildResult>,
): Record<string, LocalEndpoint> => {
  const rebuild = oneRebuildAtATime(runRebuild);
  return {
    '/local/rebuild': async ({ method, url }) => {
      if (method !== 'POST') return methodNotAllowed('POST');
      parseQuery(z.strictObject({}), url);
      return rebuild();
    },
    '/local/dead-letters': async ({ method, url }) => {
      if (method !== 'GET') return methodNotAllowed('GET');
      parseQuery(z.strictObject({}), url);
      return json(200, { deadLetters: bus.deadLetters() });
    },
    '/local/events': async ({ method, url, body }) => {
      if (method === 'GET') return listEvents(bus, url);
      if (method !== 'POST') return methodNotAllowed('GET or POST');
      parseQuery(z.strictObject({}), url);
      return putEvent(bus, body);
    },
  };
};
