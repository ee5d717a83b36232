import type { StoredEvent } from '../../domain/events';
import type { PersonalData } from '../../domain/personal-data';
import type { ProjectableRecord } from '../../functions/projection-engine/project-batch';
import { respondentKeyOf } from '../../functions/shared/respondent-key';
import { addFollowUps } from './history-follow-ups';
import { pickWith } from './random';
import { type ModelResponse, referenceCounters, referenceTallies, referenceTerms } from './reference';
import { historyRespondentOf, syntheticSummary } from './synthetic-summary';

const DIMENSIONS: Record<string, string[]> = {
  region: ['eu', 'us', 'apac', 'latam'],
  plan: ['free', 'pro', 'enterprise'],
  channel: ['email', 'web', 'in-app'],
  survey: ['q3', 'q4'],
};
const NOW = Date.UTC(2026, 10, 23, 12);

/**
 * Events as the event store holds them: submissions over 60 days and 4 dimensions, amendments, erasures; each stream in
 * order, streams interleaved.
 */
export const generateHistory = (eventCount: number, random: () => number): StoredEvent[] => {
  const streams: StoredEvent[][] = [];
  let total = 0;
  while (total < eventCount) {
    const stream = generateStream(`h-${streams.length}`, random);
    streams.push(stream);
    total += stream.length;
  }
  return interleave(streams, random);
};

/** One response's events: a submission, up to three amendments (score or comment only), an erasure one time in ten. */
const generateStream = (responseId: string, random: () => number): StoredEvent[] => {
  const pick = pickWith(random);
  const segments: Record<string, string> = {};
  for (const [dimension, values] of Object.entries(DIMENSIONS)) if (random() < 0.8) segments[dimension] = pick(values);
  const submittedAt = new Date(NOW - Math.floor(random() * 60 * 86_400_000)).toISOString();
  const recordedAt = new Date(NOW).toISOString();
  const base = { schemaVersion: 1 as const, responseId, recordedAt };
  const score = Math.floor(random() * 11);
  const hasComment = random() < 0.6;
  const hasRespondentId = historyRespondentOf(responseId) !== undefined;
  const events: StoredEvent[] = [
    {
      ...base,
      type: 'ResponseSubmitted',
      version: 1,
      data: { score, submittedAt, segments, hasComment, hasRespondentId },
    },
  ];
  while (random() < 0.3 && events.length < 4) {
    const version = events.length + 1;
    const data =
      random() < 0.8
        ? { score: Math.floor(random() * 11), commentAmended: false, amendedAt: recordedAt }
        : { commentAmended: true, amendedAt: recordedAt };
    events.push({ ...base, type: 'ResponseAmended', version, data });
  }
  addFollowUps(events, base, random);
  if (random() < 0.1)
    events.push({ ...base, type: 'ResponseErased', version: events.length + 1, data: { erasedAt: recordedAt } });
  return events;
};

/** Interleaves streams: repeatedly the next event of a random unfinished stream (each stream stays in order). */
const interleave = (streams: StoredEvent[][], random: () => number): StoredEvent[] => {
  const cursors = streams.map(() => 0);
  const open = streams.map((_, i) => i);
  const ordered: StoredEvent[] = [];
  while (open.length) {
    const slot = Math.floor(random() * open.length);
    const i = open[slot]!;
    ordered.push(streams[i]![cursors[i]!++]!);
    if (cursors[i] === streams[i]!.length) open.splice(slot, 1);
  }
  return ordered;
};

/** Splits events into shards by response (a response's events never leave its shard) as stream records. */
export const shardRecords = (events: StoredEvent[], shards: number): ProjectableRecord[][] => {
  const result: ProjectableRecord[][] = Array.from({ length: shards }, () => []);
  events.forEach((event, i) => {
    const shard = [...event.responseId].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % shards;
    result[shard]!.push({ eventId: `evt-${i}`, sequenceNumber: String(1_000_000 + i), event });
  });
  return result;
};

/** Versions of a stream that set a comment. */
const commentVersions = (stream: StoredEvent[]): number[] =>
  stream
    .filter(
      (e) =>
        (e.type === 'ResponseSubmitted' && e.data.hasComment) ||
        (e.type === 'ResponseAmended' && e.data.commentAmended),
    )
    .map((e) => e.version);

/**
 * The personal data the projector would read for a response of a history: an erasure's remnant once erased, else
 * comments and analyses.
 */
export const historyPersonalData = (stream: StoredEvent[]): PersonalData => {
  const versions = commentVersions(stream);
  const summaries = Object.fromEntries(
    versions.map((v) => {
      const { text: _text, ...summary } = syntheticSummary(stream[0]!.responseId, v);
      return [v, summary];
    }),
  );
  const respondentId = historyRespondentOf(stream[0]!.responseId);
  const key = respondentId !== undefined ? { erasedRespondentKey: respondentKeyOf(respondentId) } : {};
  if (stream.some((e) => e.type === 'ResponseErased'))
    return { comments: {}, analyses: {}, erasedSummaries: summaries, ...key };
  const analyses = Object.fromEntries(
    Object.entries(summaries).map(([v, s]) => [
      v,
      {
        language: s.language,
        sentiment: { label: s.sentiment, score: 0 },
        themes: Object.entries(s.themes).map(([theme, sentiment]) => ({ theme, sentiment, matches: [] })),
        analyzer: 'synthetic',
      },
    ]),
  );
  const comments = Object.fromEntries(versions.map((v) => [v, syntheticSummary(stream[0]!.responseId, v).text]));
  return { comments, analyses, ...(respondentId !== undefined ? { respondentId } : {}) };
};

/** The final state of each response of a history (score after amendments, erased or not, current comment's summary). */
export const finalStates = (events: StoredEvent[]): Map<string, ModelResponse> => {
  const final = new Map<string, ModelResponse>();
  const comment = (e: StoredEvent) => {
    final.get(e.responseId)!.analysis = syntheticSummary(e.responseId, e.version);
  };
  const finalState = (e: StoredEvent) => final.get(e.responseId)!;
  const apply: { [K in StoredEvent['type']]: (e: Extract<StoredEvent, { type: K }>) => void } = {
    ResponseSubmitted: (e) => {
      final.set(e.responseId, {
        score: e.data.score,
        submittedAt: e.data.submittedAt,
        segments: e.data.segments,
        erased: false,
      });
      if (e.data.hasComment) comment(e);
    },
    ResponseAmended: (e) => {
      if (e.data.score !== undefined) final.get(e.responseId)!.score = e.data.score;
      if (e.data.commentAmended) comment(e);
    },
    ResponseErased: (e) => {
      final.get(e.responseId)!.erased = true;
    },
    FollowUpRecorded: (e) => {
      const final = finalState(e);
      final.followUps = [...(final.followUps ?? []), { status: e.data.status, at: e.data.at }];
    },
  };
  for (const e of events) (apply[e.type] as (event: StoredEvent) => void)(e);
  return final;
};

/** Expected comment tallies of a history: cell id → tallies, from the reference model. */
export const expectedTallies = (events: StoredEvent[], combinations: string[][]) =>
  referenceTallies(finalStates(events).values(), combinations);

export const expectedTerms = (events: StoredEvent[], combinations: string[][]) =>
  referenceTerms(finalStates(events).values(), combinations);

/** Cells whose tallies differ (as sets of non-zero counts). */
export const tallyMismatches = (
  actual: Map<string, Record<string, number>>,
  expected: Map<string, Record<string, number>>,
): string[] => {
  const canonical = (t: Record<string, number> | undefined) =>
    JSON.stringify(
      Object.entries(t ?? {})
        .filter(([, v]) => v !== 0)
        .sort(),
    );
  return [...new Set([...actual.keys(), ...expected.keys()])].filter(
    (key) => canonical(actual.get(key)) !== canonical(expected.get(key)),
  );
};

/** Expected counters of a history: cell id → histogram, from the reference model. Independent of the domain's fold. */
export const expectedCounters = (events: StoredEvent[], combinations: string[][]): Map<string, number[]> =>
  referenceCounters(finalStates(events).values(), combinations);

/** Cells whose counts differ between two counter maps. */
export const mismatches = (actual: Map<string, number[]>, expected: Map<string, number[]>): string[] => {
  const zero = new Array(11).fill(0);
  const differ = (key: string) => {
    const [a, b] = [actual.get(key) ?? zero, expected.get(key) ?? zero];
    return a.some((count, score) => count !== b[score]);
  };
  return [...new Set([...actual.keys(), ...expected.keys()])].filter(differ);
};
