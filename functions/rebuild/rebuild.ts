import type { StoredEvent } from '../../domain/events';
import { formatInstant } from '../../domain/instant';
import { catalogOf, createCounterFold } from '../../domain/projection';
import { foldResponse, type ResponseState } from '../../domain/response';
import type { Combination } from '../../domain/segments';
import { groupContents, planGroups, transitionsOf } from '../projector/project-batch';
import type { EventLog, EventStore } from '../shared/event-store';
import type { RebuildStore } from './rebuild-store';

export interface RebuildDependencies {
  store: RebuildStore;
  log: EventLog;
  events: Pick<EventStore, 'readEvents'>;
  combinations: readonly Combination[];
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Margin for clock skew between the servers that record events and this one, and for
   * projector batches in flight to see the new meta: the cut-over instant lies this far
   * ahead, and the scan starts this long after it. Default 5 s.
   */
  settleMs?: number;
  log_?: (message: string) => void;
}

export interface RebuildResult {
  generation: number;
  previousGeneration: number;
  responses: number;
  events: number;
  counters: number;
  journalEntries: number;
  deletedItems: number;
  since: string;
}

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
  const { store, now } = deps;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const settleMs = deps.settleMs ?? 5_000;
  const say = deps.log_ ?? (() => undefined);

  const meta = await store.readMeta();
  const generation = Math.max(meta.current, meta.building?.generation ?? 0) + 1;
  const since = formatInstant(now() + settleMs);
  const building = { revision: meta.revision + 1, current: meta.current, building: { generation, since } };
  if (!(await store.writeMeta(building, meta.revision)))
    throw new Error('the projection meta changed under the rebuild; is another rebuild running?');
  say(`building generation ${generation} from events recorded before ${since}`);
  await sleep(Math.max(0, Date.parse(since) - now()) + settleMs);

  const streams = new Map<string, StoredEvent[]>();
  let eventCount = 0;
  for await (const page of deps.log.scan()) {
    for (const event of page) {
      if (event.recordedAt >= since) continue;
      const stream = streams.get(event.responseId) ?? [];
      stream.push(event);
      streams.set(event.responseId, stream);
      eventCount++;
    }
  }
  const fold = createCounterFold(deps.combinations);
  const finals: ResponseState[] = [];
  for (const stream of streams.values()) {
    const state = foldResponse(stream.sort((a, b) => a.version - b.version))!;
    fold.add(undefined, state);
    finals.push(state);
  }
  const counters = fold.deltas();
  await store.putGeneration(generation, counters, Object.fromEntries([...catalogOf(finals)].map(([d, values]) => [d, [...values].sort()])));
  say(`folded ${eventCount} events of ${streams.size} responses into ${counters.length} counters`);

  const drain = async (): Promise<number> => {
    const entries = await store.listJournal(generation);
    for (const entry of entries) {
      const events = await Promise.all(
        entry.events.map(
          async ({ responseId, version }) => (await deps.events.readEvents(responseId)).find((event) => event.version === version)!,
        ),
      );
      const { groups } = planGroups(await transitionsOf(events, deps), deps.combinations);
      await store.applyJournalEntry(generation, entry.key, groups.map(groupContents));
    }
    return entries.length;
  };
  let journalEntries = await drain();
  if (!(await store.writeMeta({ revision: building.revision + 1, current: generation, currentSince: since }, building.revision))) {
    throw new Error('the projection meta changed during the rebuild; generation left unused');
  }
  journalEntries += await drain();
  say(`switched readers to generation ${generation} (${journalEntries} journal entries applied)`);
  let deletedItems = await store.deleteGeneration(meta.current);
  if (meta.building && meta.building.generation !== generation) deletedItems += await store.deleteGeneration(meta.building.generation);
  return {
    generation,
    previousGeneration: meta.current,
    responses: streams.size,
    events: eventCount,
    counters: counters.length,
    journalEntries,
    deletedItems,
    since,
  };
};
