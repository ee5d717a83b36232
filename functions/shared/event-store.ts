import type { StoredEvent } from '../../domain/events';
import type { NewEvent, ResponseState } from '../../domain/response';
import type { Submission } from '../../domain/submission';

/** Erasable personal data of one response. */
export interface PersonalData {
  respondentId?: string;
  /** Comment per stream version that set it (1 = the submission's). */
  comments: Record<number, string>;
}

/** One response's stream as read back, validated and folded. */
export interface ResponseStream {
  events: StoredEvent[];
  state: ResponseState;
  personalData?: PersonalData;
}

/** How a submission was taken: `erased` when its id belongs to an erased response. */
export type SubmitOutcome = 'accepted' | 'duplicate' | 'conflict' | 'erased';

/** What an appended event does to the personal data kept beside the stream. */
export type PersonalDataChange = { comment: string } | 'erase' | undefined;

/**
 * The event store: one stream per response, appended with optimistic concurrency.
 * Implementations throw `DependencyUnavailableError` when the storage cannot answer.
 */
export interface EventStore {
  /** Appends version 1 unless the stream exists, then tells a re-send from a conflict. Atomic. */
  submit(submission: Submission, recordedAt: string): Promise<SubmitOutcome>;
  /** The stream of a response, or undefined when it has none. */
  load(responseId: string): Promise<ResponseStream | undefined>;
  /** The events of a response in version order (no personal data), validated. */
  readEvents(responseId: string): Promise<StoredEvent[]>;
  /** Specific events by response and version (missing ones are left out), validated. */
  readEventsByRef(refs: { responseId: string; version: number }[]): Promise<StoredEvent[]>;
  /** The personal data of several responses (responses without any are left out). */
  readPersonalData(responseIds: string[]): Promise<Map<string, PersonalData>>;
  /** Appends the next event if the stream is still at `expectedVersion`. */
  append(
    responseId: string,
    expectedVersion: number,
    event: NewEvent,
    recordedAt: string,
    personalData?: PersonalDataChange,
  ): Promise<'appended' | 'version-conflict'>;
}

/** The comment a response currently shows: the one set by the latest version. */
export const currentComment = (personalData: PersonalData | undefined): string | undefined => {
  const versions = Object.keys(personalData?.comments ?? {}).map(Number);
  return versions.length ? personalData!.comments[Math.max(...versions)] : undefined;
};

/** The whole event store, page by page, for rebuilds (each event validated). */
export interface EventLog {
  scan(): AsyncIterable<StoredEvent[]>;
}
