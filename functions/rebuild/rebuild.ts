import type { Analyzer } from '../../domain/analysis/analyze';
import { summarize } from '../../domain/analysis/summary';
import type { StoredEvent } from '../../domain/events';
import { formatInstant } from '../../domain/instant';
import { catalogOf, createCounterFold } from '../../domain/projection';
import { createRespondentFold } from '../../domain/respondents/changes';
import { foldResponse, type ResponseState } from '../../domain/response';
import type { Combination } from '../../domain/segments';
import { createTermFold } from '../../domain/term-counts';
import { groupContents, planGroups } from '../projector/plan-groups';
import { attachPersonalData, transitionsOf } from '../projector/transitions';
import { InvariantError } from '../shared/errors';
import type { EventLog, EventStore } from '../shared/event-store';
import type { GenerationStore, ProjectionMeta, WriteGroup } from '../shared/projection-store';
import { sleep } from '../shared/retry';

export interface RebuildDependencies {
  store: GenerationStore;
  log: EventLog;
  events: Pick<EventStore, 'readEvents' | 'readPersonalData' | 'storeAnalyses'>;
  combinations: readonly Combination[];
  /** Re-analyses every stored comment (a new analyzer or taxonomy takes effect through a rebuild). */
  analyzer: Analyzer;
  now: () => number;
  /**
   * Margin for clock skew between the servers that record events and this one, and for
   * projector batches in flight to see the new meta: the cut-over instant lies this far
   * ahead, and the scan starts this long after it. Default 5 s.
   */
  settleMs?: number;
  /** Told each step as it ends (the Lambda logs it). */
  progress?: (message: string) => void;
}

export interface RebuildResult {
  generation: number;
  previousGeneration: number;
  responses: number;
  events: number;
  counters: number;
  /** Stored analyses replaced by the re-analysis. */
  reanalysed: number;
  journalEntries: number;
  deletedItems: number;
  since: string;
}

/** Personal data read at once by the re-analysis. */
const REANALYSIS_PAGE = 100;

/**
 * Analyses again the current comment of every counted response with the analyzer of
 * this rebuild, attaches the summary to its state, and stores the new analysis where it
 * differs (another analyzer or taxonomy version). Answers how many were stored.
 */
const reanalyse = async (states: ResponseState[], deps: RebuildDependencies): Promise<number> => {
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
      const current = personalData.get(state.responseId)!.analyses[state.commentVersion!];
      return current?.analyzer === analysis.analyzer ? [] : [{ responseId: state.responseId, version: state.commentVersion!, analysis }];
    });
    await deps.events.storeAnalyses(updates);
    stored += updates.length;
  }
  return stored;
};

const respondentContextOf = (deps: RebuildDependencies) => ({ combinations: deps.combinations, updatedAt: formatInstant(deps.now()) });

/** The events recorded before `since`, folded per response into the counters and catalogue of a generation. */
const foldEventStore = async (deps: RebuildDependencies, since: string) => {
  const streams = new Map<string, StoredEvent[]>();
  let events = 0;
  for await (const page of deps.log.scan()) {
    for (const event of page.filter((e) => e.recordedAt < since)) {
      const stream = streams.get(event.responseId);
      if (stream) stream.push(event);
      else streams.set(event.responseId, [event]);
      events++;
    }
  }
  const finals = [...streams.values()].map((stream) => foldResponse(stream.sort((a, b) => a.version - b.version))!);
  const reanalysed = await reanalyse(finals, deps);
  await attachPersonalData(
    finals.filter((s) => s.status === 'active' && s.hasRespondentId),
    deps,
  );
  const fold = createCounterFold(deps.combinations);
  const terms = createTermFold(deps.combinations);
  const respondents = createRespondentFold();
  for (const state of finals) {
    fold.add(undefined, state);
    terms.add(undefined, state);
    respondents.add(undefined, state);
  }
  const contents: WriteGroup = {
    counters: fold.deltas(),
    terms: terms.deltas(),
    respondents: respondents.changes(),
    respondentContext: respondentContextOf(deps),
    catalog: Object.fromEntries([...catalogOf(finals)].map(([dimension, values]) => [dimension, [...values].sort()])),
  };
  return { contents, responses: streams.size, events, reanalysed };
};

/** Applies the journal the projector wrote for the generation (each entry exactly once); answers how many. */
const drainJournal = async (deps: RebuildDependencies, generation: number): Promise<number> => {
  const entries = await deps.store.listJournal(generation);
  for (const entry of entries) {
    const events = await Promise.all(
      entry.events.map(async ({ responseId, version }) => {
        const event = (await deps.events.readEvents(responseId)).find((e) => e.version === version);
        if (!event) throw new InvariantError(`journal ${entry.key}: event ${responseId}:${version} is not in the event store`);
        return event;
      }),
    );
    const { groups } = planGroups(await transitionsOf(events, deps), deps.combinations);
    const context = respondentContextOf(deps);
    await deps.store.applyJournalEntry({ generation, key: entry.key, groups: groups.map((group) => groupContents(group, context)) });
  }
  return entries.length;
};

/** Announces generation G+1 as building from an instant `settleMs` ahead; every projector write from then on journals for it. */
const announceBuilding = async (deps: RebuildDependencies, settleMs: number) => {
  const meta = await deps.store.readMeta();
  const generation = Math.max(meta.current, meta.building?.generation ?? 0) + 1;
  const since = formatInstant(deps.now() + settleMs);
  const building: ProjectionMeta = { revision: meta.revision + 1, current: meta.current, building: { generation, since } };
  if (!(await deps.store.writeMeta(building, meta.revision))) {
    throw new InvariantError('the projection meta changed under the rebuild; is another rebuild running?');
  }
  return { meta, building, generation, since };
};

/**
 * Replays the whole event store into a fresh generation of the read model and switches
 * readers to it, while the projector keeps running:
 * 1. the meta announces generation G+1 as building from instant T: from then on every
 *    projector transaction (conditioned on the meta revision) also journals its events
 *    recorded at or after T;
 * 2. after T (plus a settle margin) a scan folds, per response, the events recorded
 *    before T — the same fold the projector uses — into G+1;
 * 3. the journal is applied to G+1 (exactly once per entry), the meta flips readers to
 *    G+1 with T as its cut-over, the journal is drained once more, and generation G is
 *    deleted.
 * Each event lands in G+1 exactly once: by the scan if recorded before T (the projector
 * skips those for G+1, however late they reach it), else by the journal or, after the
 * flip, by the projector itself. A rebuild writes no outbox entries, so it never publishes or alerts.
 *
 * @example
 * const result = await rebuild({ store, log, events, combinations: [], now: Date.now });
 */
export const rebuild = async (deps: RebuildDependencies): Promise<RebuildResult> => {
  const settleMs = deps.settleMs ?? 5_000;
  const say = deps.progress ?? (() => undefined);
  const { meta, building, generation, since } = await announceBuilding(deps, settleMs);
  say(`building generation ${generation} from events recorded before ${since}`);
  await sleep(Math.max(0, Date.parse(since) - deps.now()) + settleMs);

  const folded = await foldEventStore(deps, since);
  await deps.store.putGeneration(generation, folded.contents);
  say(`folded ${folded.events} events of ${folded.responses} responses into ${folded.contents.counters.length} counters`);
  say(`re-analysed comments with ${deps.analyzer.version}: ${folded.reanalysed} analyses updated`);

  let journalEntries = await drainJournal(deps, generation);
  if (!(await deps.store.writeMeta({ revision: building.revision + 1, current: generation, currentSince: since }, building.revision))) {
    throw new InvariantError('the projection meta changed during the rebuild; generation left unused');
  }
  journalEntries += await drainJournal(deps, generation);
  say(`switched readers to generation ${generation} (${journalEntries} journal entries applied)`);
  let deletedItems = await deps.store.deleteGeneration(meta.current);
  if (meta.building && meta.building.generation !== generation) deletedItems += await deps.store.deleteGeneration(meta.building.generation);
  return {
    generation,
    previousGeneration: meta.current,
    responses: folded.responses,
    events: folded.events,
    counters: folded.contents.counters.length,
    reanalysed: folded.reanalysed,
    journalEntries,
    deletedItems,
    since,
  };
};
