import type { ChunkEntry } from '../shared/outbox';
import type { ItemKey } from './projection';
import type { ChunkDefinition, EventRef } from './store';

/**
 * What makes a transaction apply once: the first guard that fails refuses the whole
 * transaction. A chunk's group marker must not exist (group 0 stores the chunk's
 * definition with it); the meta must still be at a revision; a journal group's marker
 * must not exist.
 */
export type Guard =
  | { kind: 'chunk-group'; chunk: ChunkDefinition; index: number; expiresAt: number }
  | { kind: 'meta-revision'; revision: number }
  | { kind: 'journal-group'; generation: number; key: string; index: number };

/** A versioned document's new attributes (`listKey` places it in its model's list by update). */
export interface DocumentValue {
  attributes: Record<string, unknown>;
  listKey?: string;
}

/**
 * One write of a transaction. `add` adds to named counts (absent counts are 0), `union`
 * adds values to a set: both commute, so concurrent writers never conflict on them. `put`
 * replaces (or, without a value, deletes) a versioned document, conditioned on the
 * version read. The rest is bookkeeping of the engine.
 */
export type Write =
  | { kind: 'add'; item: ItemKey; counts: Record<string, number> }
  | { kind: 'union'; item: ItemKey; values: string[] }
  | { kind: 'put'; item: ItemKey; expectedVersion: number; value?: DocumentValue }
  | { kind: 'outbox'; entry: ChunkEntry }
  | { kind: 'journal'; generation: number; key: string; events: EventRef[] }
  | { kind: 'journal-applied'; generation: number; key: string };

/** One atomic write: guards first, then writes, in one generation. `checkOnly`: the guards are checked, not written. */
export interface Transaction {
  generation: number;
  guards: Guard[];
  writes: Write[];
  checkOnly?: boolean;
}

/** A transaction written, refused by one of its guards (its index), or by a document another writer changed. */
export type TransactionOutcome =
  | { written: true }
  | { written: false; refusedBy: number }
  | { written: false; conflict: true };
