import { parseAmendment } from '../../domain/amendment';
import type { Analysis, Analyzer } from '../../domain/analysis/analyze';
import { formatInstant } from '../../domain/instant';
import { currentComment, erasureSummaries } from '../../domain/personal-data';
import { decideAmendment, erasureEvent } from '../../domain/response';
import { classifyResubmission, type ResubmissionOutcome } from '../../domain/resubmission';
import { parseSubmission, RESPONSE_ID_PATTERN, type Submission } from '../../domain/submission';
import type { FieldError } from '../../domain/validation';
import { ContentionError, InvariantError } from './errors';
import type { Append, EventStore, ResponseStream } from './event-store';
import { type FollowUpResult, followUpRequest, followUpStep } from './follow-up-step';
import { respondentKeyOf } from './respondent-key';
import { responseView } from './response-view';
import { APPEND_RETRY, retry } from './retry';

export type SubmitOutcome = 'accepted' | ResubmissionOutcome;

export type SubmitResult =
  | { kind: SubmitOutcome; responseId: string }
  | { kind: 'invalid'; responseId?: string; errors: FieldError[] };

export type AmendResult =
  | { kind: 'amended' | 'unchanged' | 'not-found' | 'erased' }
  | { kind: 'invalid'; errors: FieldError[] };

export type EraseResult = { kind: 'erased' | 'already-erased' | 'not-found' };

export type { FollowUpResult } from './follow-up-step';

export interface ResponseCommandsOptions {
  store: EventStore;
  /** Analyses each accepted or amended comment (the same analyzer as `/v1/analyze`). */
  analyzer: Analyzer;
  /** The clock, injected so that tests and the domain never read it themselves. */
  now: () => number;
  /** Names a follow-up sent without a `followUpId` (a random UUID by default). */
  newId?: () => string;
}

/** What a command decides from a stream: a result at once, or an event to append and the result once it is appended. */
type Step<R> = { done: R } | { append: Pick<Append, 'event' | 'personalData'>; onAppended: R };

/** A read-decide-append whose append lost the optimistic-concurrency race (`APPEND_RETRY` tries it again). */
class LostRace extends Error {}

const responseIdOf = (body: unknown): string | undefined => {
  const id = (body as { responseId?: unknown } | null)?.responseId;
  return typeof id === 'string' ? id : undefined;
};

/** True when a path parameter can name a response at all. */
export const isResponseId = (id: string): boolean => RESPONSE_ID_PATTERN.test(id);

/**
 * Records a valid submission: a new stream (`accepted`), or, when its id is taken, what
 * the stored stream says it is (`duplicate`, `conflict`, `erased`).
 *
 * @example
 * await recordSubmission(store, submission, { at: new Date().toISOString(), analysis }); // 'accepted'
 */
export const recordSubmission = async (
  store: EventStore,
  submission: Submission,
  recorded: { at: string; analysis?: Analysis },
): Promise<SubmitOutcome> => {
  if ((await store.submit(submission, recorded.at, recorded.analysis)) === 'appended') return 'accepted';
  const stream = await store.load(submission.responseId);
  if (!stream) throw new InvariantError(`${submission.responseId}: the stream exists but reads back empty`);
  return classifyResubmission(stream, submission);
};

/**
 * What the ingest paths (HTTP and EventBridge) do with a request, independent of how it
 * arrived. Validation errors write nothing; storage failures surface as
 * `DependencyUnavailableError`, lost races as `ContentionError`.
 *
 * @example
 * const commands = createResponseCommands({ store, now: Date.now });
 * await commands.submit({ responseId: 'r1', score: 9, submittedAt: '2026-11-20T10:15:00Z' }); // { kind: 'accepted', …
 * }
 */
export const createResponseCommands = ({
  store,
  now,
  analyzer,
  newId = crypto.randomUUID.bind(crypto),
}: ResponseCommandsOptions) => {
  const submit = async (body: unknown): Promise<SubmitResult> => {
    const parsed = parseSubmission(body, now());
    if (!parsed.ok) {
      const responseId = responseIdOf(body);
      return { kind: 'invalid', ...(responseId !== undefined ? { responseId } : {}), errors: parsed.errors };
    }
    const { comment, language } = parsed.value;
    const analysis = comment !== undefined ? analyzer(comment, language) : undefined;
    const outcome = await recordSubmission(store, parsed.value, {
      at: formatInstant(now()),
      ...(analysis ? { analysis } : {}),
    });
    return { kind: outcome, responseId: parsed.value.responseId };
  };

  /**
   * When an append is recorded: now, but never before the stream's last event, so that
   * `recordedAt` grows along every stream even across servers with skewed clocks (a
   * rebuild splits streams by it).
   */
  const recordedAt = (stream: ResponseStream): string =>
    formatInstant(Math.max(now(), Date.parse(stream.events.at(-1)!.recordedAt)));

  /** One read → decide → append; answers the result, or nothing when the append lost the race. */
  const tryStep = async <R>(
    responseId: string,
    decide: (stream: ResponseStream | undefined) => Step<R>,
  ): Promise<{ result: R } | undefined> => {
    const stream = await store.load(responseId);
    const step = decide(stream);
    if ('done' in step) return { result: step.done };
    const { version } = stream!.state;
    const appended = await store.append({
      responseId,
      expectedVersion: version,
      recordedAt: recordedAt(stream!),
      ...step.append,
    });
    return appended === 'appended' ? { result: step.onAppended } : undefined;
  };

  /**
   * Runs read → decide → append until the append wins the optimistic-concurrency race;
   * `decide` answers either the result (nothing to append) or the event to append and
   * the result it gives once appended.
   */
  const appendWithRetry = <R>(
    responseId: string,
    decide: (stream: ResponseStream | undefined) => Step<R>,
  ): Promise<R> =>
    retry(
      async () => {
        const outcome = await tryStep(responseId, decide);
        if (!outcome) throw new LostRace();
        return outcome.result;
      },
      {
        policy: APPEND_RETRY,
        retryable: (error) => error instanceof LostRace,
        exhausted: () => new ContentionError(`${responseId}: too many concurrent changes, retry`),
      },
    );

  /** `readBody` is called only once the response is known to exist and not be erased (410 comes first). */
  const decideAmend = (stream: ResponseStream | undefined, readBody: () => unknown): Step<AmendResult> => {
    if (!stream) return { done: { kind: 'not-found' } };
    if (stream.state.status === 'erased') return { done: { kind: 'erased' } };
    const parsed = parseAmendment(readBody(), stream.state.submittedAt, now());
    if (!parsed.ok) return { done: { kind: 'invalid', errors: parsed.errors } };
    const decision = decideAmendment(stream.state, currentComment(stream.personalData), parsed.value);
    if (decision.kind === 'unchanged') return { done: { kind: 'unchanged' } };
    const personalData =
      decision.comment !== undefined ? { comment: decision.comment, analysis: analyzer(decision.comment) } : undefined;
    return { append: { event: decision.event, personalData }, onAppended: { kind: 'amended' } };
  };

  const decideErase = (stream: ResponseStream | undefined): Step<EraseResult> => {
    if (!stream) return { done: { kind: 'not-found' } };
    if (stream.state.status === 'erased') return { done: { kind: 'already-erased' } };
    const respondentId = stream.personalData?.respondentId;
    const erase = {
      erase: erasureSummaries(stream.personalData, analyzer),
      ...(respondentId !== undefined ? { respondentKey: respondentKeyOf(respondentId) } : {}),
    };
    return {
      append: { event: erasureEvent(formatInstant(now())), personalData: erase },
      onAppended: { kind: 'erased' },
    };
  };

  /** Records a follow-up of a response (idempotent by `followUpId`, which is generated when the body has none). */
  const followUp = (responseId: string, readBody: () => unknown): Promise<FollowUpResult> => {
    const request = followUpRequest(readBody, newId);
    return appendWithRetry(responseId, (stream) => followUpStep(stream, request, now()));
  };

  const amend = (responseId: string, readBody: () => unknown): Promise<AmendResult> =>
    appendWithRetry(responseId, (stream) => decideAmend(stream, readBody));

  const erase = (responseId: string): Promise<EraseResult> => appendWithRetry(responseId, decideErase);

  const get = async (responseId: string) => {
    const stream = await store.load(responseId);
    return stream ? responseView(stream) : undefined;
  };

  return { submit, amend, erase, followUp, get };
};

export type ResponseCommands = ReturnType<typeof createResponseCommands>;
