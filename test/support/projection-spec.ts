import { createAnalyzer } from '../../domain/analysis/analyze';
import { type AnalysisSummary, summarize } from '../../domain/analysis/summary';
import type { StoredEvent } from '../../domain/events';
import type { PersonalData } from '../../domain/personal-data';
import { projectBatch } from '../../functions/projection-engine/project-batch';
import { PROJECTIONS } from '../../functions/projections';
import { respondentKeyOf } from '../../functions/shared/respondent-key';
import { createMemoryProjectionStore } from './memory-projection-store';

const analyzer = createAnalyzer();
const RECORDED = '2026-11-25T00:00:00.000Z';

/** A response as a spec gives it: its submission, then amendments or an erasure, with the personal data they bring. */
export interface GivenResponse {
  responseId: string;
  score: number;
  day: string;
  /** The instant of the submission, when not 10:00 UTC of `day`. */
  at?: string;
  segments?: Record<string, string>;
  comment?: string;
  respondentId?: string;
  amendedScore?: number;
  erased?: boolean;
}

/** The stored events of a given response. */
const eventsOf = (given: GivenResponse): StoredEvent[] => {
  const base = { responseId: given.responseId, recordedAt: RECORDED, schemaVersion: 1 as const };
  const events: StoredEvent[] = [
    {
      ...base,
      version: 1,
      type: 'ResponseSubmitted',
      data: {
        score: given.score,
        submittedAt: given.at ?? `${given.day}T10:00:00.000Z`,
        segments: given.segments ?? {},
        hasComment: given.comment !== undefined,
        hasRespondentId: given.respondentId !== undefined,
      },
    },
  ];
  if (given.amendedScore !== undefined) {
    events.push({
      ...base,
      version: 2,
      type: 'ResponseAmended',
      data: { score: given.amendedScore, commentAmended: false, amendedAt: RECORDED },
    });
  }
  if (given.erased)
    events.push({ ...base, version: events.length + 1, type: 'ResponseErased', data: { erasedAt: RECORDED } });
  return events;
};

/** What the event store holds beside the events: the live personal data, or an erasure's remnant. */
const personalDataOf = (given: GivenResponse): PersonalData => {
  const comments: Record<number, string> = given.comment !== undefined ? { 1: given.comment } : {};
  if (!given.erased)
    return { comments, analyses: {}, ...(given.respondentId ? { respondentId: given.respondentId } : {}) };
  const summaries: Record<number, AnalysisSummary> =
    given.comment !== undefined ? { 1: summarize(analyzer(given.comment), given.comment) } : {};
  const key = given.respondentId ? { erasedRespondentKey: respondentKeyOf(given.respondentId) } : {};
  return { comments: {}, analyses: {}, erasedSummaries: summaries, ...key };
};

/**
 * Given responses, when their events are projected (as one delivery, by every projection),
 * then the read models hold what the spec asserts; `deliverAgain` delivers the same
 * records once more, as a stream does after a lost answer.
 *
 * @example
 * const { store, deliverAgain } = await whenProjected([{ responseId: 'r1', score: 9, day: '2026-11-20' }]);
 */
export const whenProjected = async (responses: GivenResponse[]) => {
  const memory = createMemoryProjectionStore();
  const streams = new Map(responses.map((given) => [given.responseId, eventsOf(given)]));
  const personal = new Map(responses.map((given) => [given.responseId, personalDataOf(given)]));
  const records = [...streams.values()]
    .flat()
    .map((event, i) => ({ eventId: `e${i}`, sequenceNumber: String(i).padStart(8, '0'), event }));
  const deps = {
    store: memory.store,
    projections: PROJECTIONS,
    events: {
      readEvents: async (id: string) => streams.get(id) ?? [],
      readPersonalData: async (ids: string[]) => new Map(ids.map((id) => [id, personal.get(id)!])),
      forgetErased: async () => undefined,
    },
    analyzer,
    combinations: [['plan', 'region']],
    now: () => Date.parse(RECORDED),
  };
  const deliver = async () => {
    const result = await projectBatch(records, deps);
    if (result.failedAt) throw result.error;
    return result;
  };
  await deliver();
  return { ...memory, deliverAgain: deliver };
};

/** Everything a memory store holds, as one comparable text (the outbox included). */
export const snapshotOf = (memory: Awaited<ReturnType<typeof whenProjected>>) =>
  JSON.stringify(
    [...memory.state.partitions].map(([key, items]) => [
      key,
      [...items].map(([sort, item]) => [sort, 'values' in item ? [...item.values] : item]),
    ]),
  ) + JSON.stringify(memory.state.outbox);
