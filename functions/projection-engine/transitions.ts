import type { Analysis, Analyzer } from '../../domain/analysis/analyze';
import type { AnalysisSummary } from '../../domain/analysis/summary';
import type { StoredEvent } from '../../domain/events';
import { analysisOf, type PersonalData, summaryAt } from '../../domain/personal-data';
import type { RespondentRef } from '../../domain/respondents/changes';
import { applyEvent, foldResponse, type ResponseState } from '../../domain/response';
import { mapLimited } from '../shared/concurrency';
import type { EventStore } from '../shared/event-store';
import { respondentKeyOf } from '../shared/respondent-key';

import type { Transition } from './projection';

/** Streams read at once to find prior states. */
const READ_CONCURRENCY = 16;

/**
 * The state of each response just before the first of the given events (read from the event store when not a
 * submission).
 */
const priorStates = async (
  events: StoredEvent[],
  store: Pick<EventStore, 'readEvents'>,
): Promise<Map<string, ResponseState | undefined>> => {
  const firstVersion = new Map<string, number>();
  for (const event of events)
    if (!firstVersion.has(event.responseId)) firstVersion.set(event.responseId, event.version);
  const states = new Map<string, ResponseState | undefined>();
  const continued = [...firstVersion].filter(([, version]) => version > 1);
  await mapLimited(continued, READ_CONCURRENCY, async ([responseId, version]) => {
    states.set(
      responseId,
      foldResponse((await store.readEvents(responseId)).filter((event) => event.version < version)),
    );
  });
  return states;
};

/** What transitions need to read: prior events, and the personal data holding each comment's analysis. */
export interface TransitionSources {
  events: Pick<EventStore, 'readEvents' | 'readPersonalData'>;
  /** Analyses comments stored without an analysis (before analysis existed). */
  analyzer: Analyzer;
}

/**
 * The respondent of a response from its personal data: the live respondentId (and its key), or an erasure's remnant
 * key.
 */
const respondentOf = (data: PersonalData | undefined): RespondentRef | undefined => {
  if (data?.respondentId !== undefined) return { key: respondentKeyOf(data.respondentId), id: data.respondentId };
  return data?.erasedRespondentKey !== undefined ? { key: data.erasedRespondentKey } : undefined;
};

const needsComment = (s: ResponseState) => s.commentVersion !== undefined && (!s.analysis || s.comment === undefined);
const needsRespondent = (s: ResponseState) => (s.hasRespondentId || s.status === 'erased') && !s.respondent;
const needsNotes = (s: ResponseState) => !s.followUpNotes && !!s.followUps?.some((f) => f.hasNote || f.hasBy);
const needsPersonalData = (s: ResponseState | undefined): s is ResponseState =>
  s !== undefined && (needsComment(s) || needsRespondent(s) || needsNotes(s));

/** What a comment version of a response says: its summary, and while it is not erased its text and full analysis. */
interface CommentRead {
  summary?: AnalysisSummary;
  text?: string;
  analysis?: Analysis;
}

const commentAt = (data: PersonalData | undefined, version: number, analyzer: Analyzer): CommentRead => {
  if (!data) return {};
  const text = data.comments[version];
  const summary = summaryAt(data, version, analyzer);
  return text === undefined
    ? { ...(summary ? { summary } : {}) }
    : { summary, text, analysis: analysisOf(data, version, analyzer) };
};

/**
 * Attaches to each state with a comment the summary of that comment's analysis (and, while
 * it is not erased, its text and full analysis), to each state with follow-ups their notes,
 * and to each state of a respondent's response who the respondent is (one read of the personal data for the responses
 * concerned). A comment whose personal data is gone (erased, and the remnant already taken
 * out) counts in no tally, before or after; so does a response whose respondent is no
 * longer known.
 */
export const attachPersonalData = async (
  states: (ResponseState | undefined)[],
  sources: Pick<TransitionSources, 'events' | 'analyzer'>,
) => {
  const needing = states.filter(needsPersonalData);
  if (!needing.length) return;
  const personalData = await sources.events.readPersonalData([...new Set(needing.map((s) => s.responseId))]);
  // the states before and after an event usually share their comment: read it once
  const comments = new Map<string, CommentRead>();
  const commentOf = (state: ResponseState, data: PersonalData | undefined) => {
    const key = `${state.responseId}:${state.commentVersion}`;
    if (!comments.has(key)) comments.set(key, commentAt(data, state.commentVersion!, sources.analyzer));
    return comments.get(key)!;
  };
  for (const state of needing) {
    const data = personalData.get(state.responseId);
    attachRespondentAndNotes(state, data);
    if (needsComment(state)) attachComment(state, commentOf(state, data));
  }
};

const attachRespondentAndNotes = (state: ResponseState, data: PersonalData | undefined) => {
  const respondent = needsRespondent(state) ? respondentOf(data) : undefined;
  if (respondent) state.respondent = respondent;
  if (needsNotes(state)) state.followUpNotes = data?.followUps ?? {};
};

const attachComment = (state: ResponseState, { summary, text, analysis }: CommentRead) => {
  if (summary && !state.analysis) state.analysis = summary;
  if (text !== undefined) state.comment = text;
  if (analysis) state.commentAnalysis = analysis;
};

/**
 * Each event with the state of its response before and after it (prior states from the
 * event store, analyses from the personal data): what the projector and the rebuild's
 * journal fold.
 *
 * @example
 * const transitions = await transitionsOf(events, { events: store, analyzer });
 */
export const transitionsOf = async (events: StoredEvent[], deps: TransitionSources): Promise<Transition[]> => {
  const states = await priorStates(events, deps.events);
  const transitions = events.map((event) => {
    const before = states.get(event.responseId);
    const after = applyEvent(before, event);
    states.set(event.responseId, after);
    return { event, before, after };
  });
  // one read of the personal data for every state of the chunk that has a comment
  await attachPersonalData(
    transitions.flatMap((t) => [t.before, t.after]),
    deps,
  );
  return transitions;
};

/** The transitions a generation counts: none recorded before its cut-over (its rebuild's scan has those). */
export const countedSince = (transitions: Transition[], since: string | undefined): Transition[] =>
  since ? transitions.filter((t) => t.event.recordedAt >= since) : transitions;
