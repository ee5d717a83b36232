import type { Analysis } from '../../domain/analysis/analyze';
import type { AnalysisSummary } from '../../domain/analysis/summary';
import type { StoredEvent } from '../../domain/events';
import type { FollowUpNote, PersonalData } from '../../domain/personal-data';
import type { NewEvent, ResponseState } from '../../domain/response';
import type { Submission } from '../../domain/submission';

export type { PersonalData } from '../../domain/personal-data';

/** One response's stream as read back, validated and folded. */
export interface ResponseStream {
  events: StoredEvent[];
  state: ResponseState;
  personalData?: PersonalData;
}

/**
 * What an appended event does to the personal data kept beside the stream: a new comment
 * (with its analysis), a follow-up's note and `by`, or an erasure — of everything, or leaving only the analysis
 * summaries the projections still have to take out (no text, no respondentId; they
 * delete them once they have, and the item expires in any case).
 */
export type PersonalDataChange =
  | { comment: string; analysis?: Analysis }
  | { followUp: FollowUpNote }
  | 'erase'
  | { erase: Record<number, AnalysisSummary>; respondentKey?: string }
  | undefined;

/** An event to append after `expectedVersion`, with its effect on the personal data. */
export interface Append {
  responseId: string;
  expectedVersion: number;
  event: NewEvent;
  /** Server time of the append (ISO). */
  recordedAt: string;
  personalData?: PersonalDataChange;
}

/**
 * The event store: one stream per response, appended with optimistic concurrency. It
 * stores and reads; what a refused write means (a re-send, a conflict, an erased id) is
 * decided above it, by the commands. Implementations throw `DependencyUnavailableError`
 * when the storage cannot answer.
 */
export interface EventStore {
  /**
   * Starts a response's stream with its submission (version 1) and personal data (with the
   * comment's analysis), atomically; `stream-exists` when the id is taken.
   */
  submit(submission: Submission, recordedAt: string, analysis?: Analysis): Promise<'appended' | 'stream-exists'>;
  /**
   * Replaces the stored analysis of comments that still exist (a rebuild's re-analysis); erased ones are left alone.
   */
  storeAnalyses(updates: { responseId: string; version: number; analysis: Analysis }[]): Promise<void>;
  /** Deletes what an erasure left for the projections (idempotent). */
  forgetErased(responseIds: string[]): Promise<void>;
  /** The stream of a response, or undefined when it has none. */
  load(responseId: string): Promise<ResponseStream | undefined>;
  /** The events of a response in version order (no personal data), validated. */
  readEvents(responseId: string): Promise<StoredEvent[]>;
  /**
   * The events at these positions that exist, validated, in no particular order: reads by
   * key in batches (100 a call on DynamoDB), for readers that know which versions they need.
   */
  readEventsAt(positions: EventPosition[]): Promise<StoredEvent[]>;
  /** The personal data of several responses (responses without any are left out). */
  readPersonalData(responseIds: string[]): Promise<Map<string, PersonalData>>;
  /** Appends the next event if the stream is still at `expectedVersion`. */
  append(append: Append): Promise<'appended' | 'version-conflict'>;
}

/** Where a scan of the event store stands: the key of the last event read. */
export interface EventPosition {
  responseId: string;
  version: number;
}

/** The event store read by a parallel scan, for rebuilds (each event validated). */
export interface EventLog {
  /**
   * One segment of `segments` of a parallel scan, page by page, from just after `after`
   * (from the start without): a response's events come together, in version order.
   */
  scanSegment(scan: { segment: number; segments: number; after?: EventPosition }): AsyncIterable<StoredEvent[]>;
}
