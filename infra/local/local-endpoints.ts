import type { RebuildResult } from '../../functions/rebuild/rebuild';
import { HttpProblem, type ProblemKind } from '../../functions/shared/problems';
import type { LocalEventBus } from './event-bus';
import type { LocalEndpoint } from './http-server';

const json = (status: number, body: unknown) => ({ status, body });
const problem = (kind: ProblemKind, detail: string) => {
  const document = new HttpProblem(kind, detail).toProblem();
  return json(document.status, document);
};
const badRequest = (detail: string) => problem('validation', detail);
const methodNotAllowed = (allowed: string) => problem('method-not-allowed', allowed);

/** `POST /local/events`: puts an event on the local bus, routed like the deployed rules route it. */
const putEvent = (bus: LocalEventBus, body: Buffer) => {
  let parsed: { detailType?: unknown; detail?: unknown; source?: unknown };
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return badRequest('The body is not valid JSON.');
  }
  if (typeof parsed?.detailType !== 'string' || parsed.detailType === '') return badRequest('detailType (string) is required.');
  if (parsed.detail === undefined) return badRequest('detail is required.');
  const source = typeof parsed.source === 'string' ? parsed.source : 'local.client';
  const [event] = bus.put([{ source, detailType: parsed.detailType, detail: parsed.detail }]);
  return json(202, { id: event!.id });
};

/**
 * The local stack's own endpoints (never behind the token): the published events, the
 * dead letters of the inbound path, a way to put events on the bus, and the rebuild.
 */
export const localEndpoints = (bus: LocalEventBus, runRebuild: () => Promise<RebuildResult>): Record<string, LocalEndpoint> => ({
  '/local/rebuild': async ({ method }) => {
    if (method !== 'POST') return methodNotAllowed('POST');
    return json(200, await runRebuild());
  },
  '/local/dead-letters': async () => json(200, { deadLetters: bus.deadLetters() }),
  '/local/events': async ({ method, url, body }) => {
    if (method === 'GET') return json(200, { events: bus.events(url.searchParams.get('detailType') ?? undefined) });
    if (method !== 'POST') return methodNotAllowed('GET or POST');
    return putEvent(bus, body);
  },
});
