import type { StoredEvent } from '../../domain/events';
import type { ResponseState } from '../../domain/response';
import type { Combination } from '../../domain/segments';
import type { ChunkEntry } from '../shared/outbox';

/** One event with the state of its response before and after it: what every projection folds. */
export interface Transition {
  event: StoredEvent;
  before: ResponseState | undefined;
  after: ResponseState;
}

/** A response's first state before a batch of transitions and its last after them. */
export interface Span {
  first: ResponseState | undefined;
  last: ResponseState;
}

/**
 * Folds a transition into the span of its response: for projections whose items depend on a response's state alone,
 * which then change by what its last state brings against its first.
 */
export const foldSpan = (spans: Map<string, Span>, { before, after }: Transition): Map<string, Span> => {
  const span = spans.get(after.responseId);
  spans.set(after.responseId, { first: span ? span.first : before, last: after });
  return spans;
};

/** What folds and changes may depend on besides the events: the configuration and the instant of the write. */
export interface ProjectionContext {
  combinations: readonly Combination[];
  /** When the write happens (epoch ms): documents record it, the outbox dates its entries with it. */
  now: number;
  /** The key of the chunk being written (the outbox names its entry after it). */
  chunkKey: string;
}

/**
 * Where an item of a read model lives, in the read model's own terms: its model (the kind
 * of item), a partition and a sort key within it. How and where it is stored is the
 * adapter's business.
 */
export interface ItemKey {
  model: string;
  partition: string;
  sort: string;
}

/**
 * What an update of a versioned document makes of what it read: a new value, a deletion, or no write; and counts to
 * add.
 */
export interface UpdateResult {
  value?: { attributes: Record<string, unknown>; listKey?: string };
  remove?: boolean;
  /** Counts the change adds elsewhere, derived from the document as read (written in the same transaction). */
  adds?: { item: ItemKey; counts: Record<string, number> }[];
}

/**
 * How an update weighs in a transaction, for the planner: items it may add besides its own
 * (`reserve`, counted once per transaction), whether it must be the only such update of
 * its transaction (`alone`), whether it is large (`bulky`: at most 24 per transaction),
 * whether writing it ahead of its transaction is safe (`idempotent`: applied to its own
 * result it changes nothing), and what the planner before 2026-12 counted for it.
 */
export interface UpdateWeight {
  reserve?: number;
  alone?: boolean;
  bulky?: boolean;
  idempotent?: boolean;
  worstCase?: number;
}

/**
 * A change to one item of a read model. `id` names it in a plan (items are written sorted
 * by id, and the plan's fingerprint hashes the ids). `emit` is an outbox entry, written in
 * a chunk's last transaction.
 */
export type ItemChange =
  | { kind: 'add'; id: string; item: ItemKey; counts: Record<string, number> }
  | { kind: 'union'; id: string; item: ItemKey; values: string[] }
  | {
      kind: 'update';
      id: string;
      item: ItemKey;
      apply: (stored: Record<string, unknown> | undefined) => UpdateResult;
      weight?: UpdateWeight;
    }
  | { kind: 'emit'; entry: ChunkEntry };

/** A change the planner places in a group (every kind but `emit`). */
export type PlannedChange = Exclude<ItemChange, { kind: 'emit' }>;

/**
 * A projection: a read model folded from response transitions. `fold` gathers what a
 * batch of transitions changes into a delta (pure, no I/O); `changes` says which items
 * that delta changes and how. The engine owns everything else: batching into
 * transactions, markers, versions, retries, generations, the rebuild.
 *
 * @example
 * const segments: Projection<Set<string>> = {
 *   name: 'segments-seen', version: 1, models: ['seen'], handles: ['ResponseSubmitted'],
 *   init: () => new Set(),
 *   fold: (seen, { after }) => seen.add(Object.keys(after.segments).join(',')),
 * changes: (seen) => [...seen].map((key) => ({ kind: 'union', id: `s|${key}`, item: { model: 'seen', partition: '',
 * sort: key }, values: [key] })),
 * };
 */
export interface Projection<D = unknown> {
  name: string;
  /** Raised when what the projection stores changes: a rebuild is then needed. */
  version: number;
  /** The models (kinds of item) it stores: deleted with a generation. */
  models: readonly string[];
  /**
   * When it was added, for a projection added after chunks started recording the projections
   * they were planned with (a chunk stored before then completes without it).
   */
  addedOn?: string;
  /** Event types whose transitions it folds. */
  handles: readonly StoredEvent['type'][];
  init(context: ProjectionContext): D;
  fold(delta: D, transition: Transition, context: ProjectionContext): D;
  /** The changes a delta makes; `earlier` holds those of the projections registered before this one. */
  changes(delta: D, context: ProjectionContext, earlier: readonly ItemChange[]): ItemChange[];
}

/**
 * The projections of a deployment, checked: two with one name or one model are refused.
 *
 * @example
 * export const PROJECTIONS = registerProjections([counters, catalogue, terms, respondents, outbox]);
 */
export const registerProjections = (projections: readonly Projection[]): readonly Projection[] => {
  const names = new Set<string>();
  const models = new Set<string>();
  for (const { name, models: own } of projections) {
    if (names.has(name)) throw new Error(`two projections are named ${name}`);
    names.add(name);
    for (const model of own) {
      if (models.has(model)) throw new Error(`two projections store the model ${model}`);
      models.add(model);
    }
  }
  return projections;
};

/**
 * Every change the projections make of some transitions: each folds those it handles.
 *
 * @example
 * const changes = changesOf(PROJECTIONS, transitions, { combinations: [], now: Date.now(), chunkKey: 'r1:1' });
 */
export const changesOf = (
  projections: readonly Projection[],
  transitions: readonly Transition[],
  context: ProjectionContext,
): ItemChange[] => {
  const changes: ItemChange[] = [];
  for (const projection of projections) {
    let delta = projection.init(context);
    for (const transition of transitions) {
      if (projection.handles.includes(transition.event.type)) delta = projection.fold(delta, transition, context);
    }
    changes.push(...projection.changes(delta, context, changes));
  }
  return changes;
};
