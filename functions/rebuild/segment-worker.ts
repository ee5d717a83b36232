import type { Analyzer } from '../../domain/analysis/analyze';
import { summarize } from '../../domain/analysis/summary';
import type { StoredEvent } from '../../domain/events';
import { foldResponse, type ResponseState } from '../../domain/response';
import { foldIntoGeneration, type GenerationWriter } from '../projection-engine/journal';
import type { SegmentCheckpoint } from '../projection-engine/store';
import { attachPersonalData } from '../projection-engine/transitions';
import type { EventLog, EventPosition, EventStore } from '../shared/event-store';

/**
 * One segment of a rebuild's scan: which, of how many, into which generation, counting events recorded before `since`.
 */
export interface SegmentTask {
  generation: number;
  since: string;
  segment: number;
  segments: number;
}

export interface WorkerDependencies extends GenerationWriter {
  log: EventLog;
  events: Pick<EventStore, 'readEvents' | 'readPersonalData' | 'storeAnalyses'>;
  analyzer: Analyzer;
  /** Responses per page (default RESPONSES_PER_PAGE). */
  pageSize?: number;
}

/**
 * Responses a worker folds and writes at once: its memory is bounded by this (and one scan
 * page), not by the event store. Backdated responses coalesce into fewer counter items the
 * more a page holds: over two years and 4 dimensions, 12.1 items per response at 500, 6.7 at
 * 5,000 (docs/projections.md). A page of 5,000 is tens of MB and about 10 s of writes on AWS.
 */
export const RESPONSES_PER_PAGE = 5_000;

/**
 * The next `count` responses of a segment after a position, each with its events
 * recorded before `since` (a response without any is not one of them), and the position
 * of the last event taken. A response's events come together in a scan, so stopping once
 * the next response starts takes whole responses; from the same position the same
 * responses come again (events recorded later are skipped, wherever they land).
 */
const nextResponses = async (log: EventLog, task: SegmentTask, after: EventPosition | undefined, count: number) => {
  const taken = { streams: [] as StoredEvent[][], last: undefined as EventPosition | undefined };
  for await (const page of log.scanSegment({
    segment: task.segment,
    segments: task.segments,
    ...(after ? { after } : {}),
  })) {
    const full = take(
      page.filter((e) => e.recordedAt < task.since),
      taken,
      count,
    );
    if (full) return { ...taken, done: false };
  }
  return { ...taken, done: true };
};

/** Adds events to the responses taken, until the one after the `count`-th starts: answers true then. */
const take = (
  events: StoredEvent[],
  taken: { streams: StoredEvent[][]; last: EventPosition | undefined },
  count: number,
): boolean => {
  for (const event of events) {
    const current = taken.streams.at(-1);
    if (current?.[0]?.responseId === event.responseId) current.push(event);
    else if (taken.streams.length === count) return true;
    else taken.streams.push([event]);
    taken.last = { responseId: event.responseId, version: event.version };
  }
  return false;
};

/** Personal data read at once by the re-analysis. */
const REANALYSIS_PAGE = 100;

/**
 * Analyses again the current comment of every counted response with the analyzer of
 * this rebuild, attaches the summary (and the comment with its analysis) to its state, and stores the new analysis where it
 * differs (another analyzer or taxonomy version). Answers how many were stored.
 */
export const reanalyse = async (
  states: ResponseState[],
  deps: Pick<WorkerDependencies, 'events' | 'analyzer'>,
): Promise<number> => {
  const commented = states.filter((s) => s.status === 'active' && s.commentVersion !== undefined);
  let stored = 0;
  for (let start = 0; start < commented.length; start += REANALYSIS_PAGE) {
    const page = commented.slice(start, start + REANALYSIS_PAGE);
    const personalData = await deps.events.readPersonalData(page.map((s) => s.responseId));
    const updates = page.flatMap((state) => {
      const comment = personalData.get(state.responseId)?.comments[state.commentVersion!];
      if (comment === undefined) return [];
      const analysis = deps.analyzer(comment);
      state.analysis = summarize(analysis, comment);
      state.comment = comment;
      state.commentAnalysis = analysis;
      const current = personalData.get(state.responseId)!.analyses[state.commentVersion!];
      return current?.analyzer === analysis.analyzer
        ? []
        : [{ responseId: state.responseId, version: state.commentVersion!, analysis }];
    });
    await deps.events.storeAnalyses(updates);
    stored += updates.length;
  }
  return stored;
};

/**
 * Folds responses (their events before the cut-over) into a generation, exactly once per
 * page: the page's writes are planned as the projector plans a chunk (the same fold) and
 * written group by group under markers named by the segment and the position the page
 * starts after, so a page written again after a crash adds nothing twice.
 */
const writePage = async (
  task: SegmentTask,
  page: { streams: StoredEvent[][]; after: EventPosition | undefined },
  deps: WorkerDependencies,
) => {
  const states = page.streams.map((stream) => foldResponse(stream)!);
  const reanalysed = await reanalyse(states, deps);
  await attachPersonalData(
    states.filter((s) => s.status === 'active' && s.hasRespondentId),
    deps,
  );
  // a response folded from nothing reads as its submission, which every projection handles (its last event may be a
  // follow-up, which the counters do not handle: the response would go uncounted)
  const transitions = states.map((after, i) => ({ event: page.streams[i]![0]!, before: undefined, after }));
  const key = `scan#${task.segment}#${page.after ? `${page.after.responseId}:${page.after.version}` : '-'}`;
  await foldIntoGeneration(deps, { generation: task.generation, key, transitions });
  return reanalysed;
};

/** The checkpoint after a page. */
const advance = (
  checkpoint: SegmentCheckpoint,
  page: { streams: StoredEvent[][]; last: EventPosition | undefined; done: boolean; reanalysed: number },
): SegmentCheckpoint => {
  const after = page.last ?? checkpoint.after;
  return {
    ...(after ? { after } : {}),
    done: page.done,
    pages: checkpoint.pages + 1,
    responses: checkpoint.responses + page.streams.length,
    events: checkpoint.events + page.streams.reduce((sum, s) => sum + s.length, 0),
    reanalysed: checkpoint.reanalysed + page.reanalysed,
  };
};

const START: SegmentCheckpoint = { done: false, pages: 0, responses: 0, events: 0, reanalysed: 0 };

/**
 * Works through one segment of a rebuild's scan from its checkpoint, page by page, and
 * checkpoints after each; stops when the segment is done or `keepGoing` says no (a
 * Lambda near its timeout), answering where it stands. Run again, it resumes.
 *
 * @example
 * const progress = await runSegment({ generation: 2, since, segment: 0, segments: 4 }, deps);
 */
export const runSegment = async (
  task: SegmentTask,
  deps: WorkerDependencies & { keepGoing?: () => boolean },
): Promise<SegmentCheckpoint> => {
  let checkpoint = (await deps.store.readCheckpoint(task.generation, task.segment)) ?? START;
  while (!checkpoint.done && (deps.keepGoing?.() ?? true)) {
    const { streams, last, done } = await nextResponses(
      deps.log,
      task,
      checkpoint.after,
      deps.pageSize ?? RESPONSES_PER_PAGE,
    );
    const reanalysed = streams.length ? await writePage(task, { streams, after: checkpoint.after }, deps) : 0;
    checkpoint = advance(checkpoint, { streams, last, done, reanalysed });
    await deps.store.writeCheckpoint(task.generation, task.segment, checkpoint);
  }
  return checkpoint;
};
