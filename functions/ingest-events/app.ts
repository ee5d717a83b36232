import * as z from 'zod';
import type { DeadLetter, DeadLetterSink } from '../shared/dead-letters';
import { countMetric, type Observability, observedHandler } from '../shared/observability';
import type { ResponseCommands, SubmitResult } from '../shared/response-commands';

/** The detail-type platform teams put on the bus to submit a response. */
export const INBOUND_DETAIL_TYPE = 'NpsResponseSubmitted';

/**
 * The EventBridge envelope (the detail is validated as a submission). Declared here
 * rather than taken from `@aws-lambda-powertools/parser/schemas`, whose `import { z }`
 * defeats tree-shaking and adds 380 KB to the bundle.
 */
const eventBridgeEnvelope = z.object({
  id: z.string(),
  'detail-type': z.string(),
  source: z.string(),
  time: z.string(),
  detail: z.unknown(),
});

export interface IngestEventsDependencies extends Observability {
  commands: ResponseCommands;
  deadLetters: DeadLetterSink;
  now: () => number;
}

export type IngestEventOutcome =
  | { status: 'accepted' | 'duplicate' }
  | { status: 'dead-lettered'; reason: DeadLetter['reason'] };

/** Why a refused submission can never be ingested: the dead letter's reason and detail. */
const refusalOf = (
  result: Exclude<SubmitResult, { kind: 'accepted' | 'duplicate' }>,
): Omit<DeadLetter, 'event' | 'failedAt'> => {
  if (result.kind === 'invalid')
    return { reason: 'invalid', detail: 'the detail is not a valid submission', errors: result.errors };
  if (result.kind === 'conflict')
    return { reason: 'conflict', detail: `a different response was already submitted as ${result.responseId}` };
  return { reason: 'erased', detail: `response ${result.responseId} was erased` };
};

const isEnvelope = (event: unknown): event is z.infer<typeof eventBridgeEnvelope> => {
  const envelope = eventBridgeEnvelope.safeParse(event);
  return envelope.success && envelope.data['detail-type'] === INBOUND_DETAIL_TYPE;
};

/**
 * Ingests an `NpsResponseSubmitted` EventBridge event exactly like `POST /v1/responses`.
 * Events that can never succeed (invalid, conflicting, erased id) go to the dead-letter
 * sink with the reason; an unavailable dependency throws, so that Lambda retries the
 * asynchronous invocation.
 */
export const createIngestEventsHandler = ({
  commands,
  deadLetters,
  now,
  ...observability
}: IngestEventsDependencies) => {
  const deadLetter = async (
    letter: Omit<DeadLetter, 'event' | 'failedAt'>,
    event: unknown,
  ): Promise<IngestEventOutcome> => {
    observability.logger.warn('inbound event dead-lettered', { reason: letter.reason, detail: letter.detail });
    await deadLetters.send({ ...letter, event, failedAt: new Date(now()).toISOString() });
    countMetric(observability, 'InboundDeadLettered', 1);
    return { status: 'dead-lettered', reason: letter.reason };
  };
  return observedHandler<unknown, IngestEventOutcome>(observability).handler(async (event) => {
    if (!isEnvelope(event)) {
      return deadLetter(
        { reason: 'unsupported', detail: `expected an EventBridge event with detail-type ${INBOUND_DETAIL_TYPE}` },
        event,
      );
    }
    const result = await commands.submit(event.detail);
    if (result.kind !== 'accepted' && result.kind !== 'duplicate') return deadLetter(refusalOf(result), event);
    countMetric(observability, 'ResponsesAccepted', result.kind === 'accepted' ? 1 : 0);
    return { status: result.kind };
  });
};
