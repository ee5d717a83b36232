import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { entrySize, MAX_BYTES_PER_CALL, MAX_ENTRIES_PER_CALL } from '../../functions/publisher/pack';

/** An entry as the SDK sends it in a `PutEvents` call (JSON 1.1 protocol). */
export interface WireEntry {
  Source: string;
  DetailType: string;
  Detail: string;
  EventBusName?: string;
  Time?: number;
  Resources?: string[];
}

export interface EventBridgeEndpointOptions {
  /** Receives each accepted entry (the local bus). */
  accept: (entry: WireEntry) => void;
  /** Fault injection: answer this entry with an error code instead of accepting it. */
  failEntry?: (entry: WireEntry) => string | undefined;
  /**
   * Fault injection: fail the whole call, as EventBridge does: `true` for a throttle (HTTP
   * 400 ThrottlingException), or the error type to answer (`AccessDeniedException`…).
   */
  failCall?: () => boolean | string;
}

/** Calls remembered: the local stack's endpoint runs as long as the backend, and its memory stays flat. */
const KEPT_CALLS = 10_000;

export interface EventBridgeEndpoint {
  endpoint: string;
  /** The latest calls received (at most KEPT_CALLS): entries and their total size by EventBridge's formula. */
  calls: { entries: number; bytes: number }[];
  close(): Promise<void>;
}

/**
 * A local endpoint speaking EventBridge's JSON protocol for `PutEvents`, so that the real
 * SDK serializes real requests against it: it refuses calls over 10 entries or 256 KB
 * (ValidationException), answers per-entry failures the way EventBridge does (HTTP 200,
 * `FailedEntryCount`, `Entries[i].ErrorCode`), and hands accepted entries on.
 *
 * @example
 * const eb = await startEventBridgeEndpoint({ accept: (entry) => bus.put(…) });
 * new EventBridgeClient({ endpoint: eb.endpoint, region: 'local', credentials });
 */
export const startEventBridgeEndpoint = async (options: EventBridgeEndpointOptions): Promise<EventBridgeEndpoint> => {
  const calls: { entries: number; bytes: number }[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { status, body } =
        request.headers['x-amz-target'] === 'AWSEvents.PutEvents'
          ? answerPutEvents(JSON.parse(Buffer.concat(chunks).toString('utf8')), { ...options, calls })
          : {
              status: 400,
              body: { __type: 'UnknownOperationException', message: `unsupported ${request.headers['x-amz-target']}` },
            };
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

const validationError = (message: string) => ({ status: 400, body: { __type: 'ValidationException', message } });

/** What EventBridge answers a `PutEvents` request: refusals over its limits, per-entry failures, or the event ids. */
const answerPutEvents = (
  request: { Entries?: WireEntry[] },
  { accept, failEntry, failCall, calls }: EventBridgeEndpointOptions & { calls: EventBridgeEndpoint['calls'] },
): { status: number; body: unknown } => {
  const entries = request.Entries ?? [];
  const bytes = entries.reduce(
    (sum, entry) =>
      sum + entrySize({ ...entry, Time: entry.Time !== undefined ? new Date(entry.Time * 1000) : undefined }),
    0,
  );
  calls.push({ entries: entries.length, bytes });
  if (calls.length > KEPT_CALLS) calls.splice(0, calls.length - KEPT_CALLS);
  if (entries.length < 1 || entries.length > MAX_ENTRIES_PER_CALL)
    return validationError(`1 to ${MAX_ENTRIES_PER_CALL} entries per call, got ${entries.length}`);
  if (bytes > MAX_BYTES_PER_CALL)
    return validationError(`Total size of the entries in the request is over the limit (${bytes} bytes)`);
  const failure = failCall?.();
  if (failure)
    return {
      status: 400,
      body: { __type: failure === true ? 'ThrottlingException' : failure, message: 'injected call failure' },
    };
  const results = entries.map((entry) => {
    const errorCode = failEntry?.(entry);
    if (errorCode) return { ErrorCode: errorCode, ErrorMessage: 'injected failure' };
    accept(entry);
    return { EventId: randomUUID() };
  });
  return { status: 200, body: { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results } };
};
