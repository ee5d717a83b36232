import type { Combination } from '../../domain/segments';
import { writeGroup } from './group-writer';
import { planChanges } from './plan';
import type { Projection, Transition } from './projection';
import type { ProjectionStore } from './store';

/** What folding into a generation needs: the store, the read models and their configuration, the clock. */
export interface GenerationWriter {
  store: ProjectionStore;
  projections: readonly Projection[];
  combinations: readonly Combination[];
  now: () => number;
}

/**
 * Folds transitions into a generation under a name (`key`), exactly once: planned as the
 * projector plans a chunk (the same fold, the same split; no outbox entry, so a rebuild
 * never publishes), each group written under a marker named by the key and its index, so
 * that writing the same key again after a crash adds nothing twice. The last group also
 * deletes the journal entry of that key, if there is one.
 *
 * @example
 * await foldIntoGeneration(writer, { generation: 2, key: 'scan#0#-', transitions });
 */
export const foldIntoGeneration = async (
  writer: GenerationWriter,
  { generation, key, transitions }: { generation: number; key: string; transitions: readonly Transition[] },
): Promise<void> => {
  const context = { combinations: writer.combinations, now: writer.now(), chunkKey: key };
  const { groups } = planChanges(writer.projections, transitions, context);
  for (const [index, changes] of groups.entries()) {
    const last = index === groups.length - 1;
    await writeGroup(writer.store, {
      generation,
      guards: [{ kind: 'journal-group', generation, key, index }],
      writes: last ? [{ kind: 'journal-applied', generation, key }] : [],
      changes,
    });
  }
};
