import { formatInstant } from '../../../domain/instant';
import {
  foldSpan,
  type ItemChange,
  type Projection,
  type Span,
  type UpdateResult,
} from '../../projection-engine/projection';
import { documentOf, type ListedResponse, listedResponseOf, storedVersionOf, tombstoneOf } from './item';
import { liveKeyOf, RESPONSE_MODEL, tombstoneKeyOf } from './keys';

const storedVersion = (stored: Record<string, unknown> | undefined) => (stored ? storedVersionOf(stored) : 0);

/** Puts a listed state unless the stored one is at its version or later. */
const upsert =
  (listed: ListedResponse) =>
  (stored: Record<string, unknown> | undefined): UpdateResult =>
    stored && storedVersion(stored) >= listed.version! ? {} : { value: documentOf(listed) };

/** Deletes the document a state left behind (another month or category) unless it holds a later state. */
const remove =
  (version: number) =>
  (stored: Record<string, unknown> | undefined): UpdateResult =>
    stored && storedVersion(stored) < version ? { remove: true } : {};

/** Puts the tombstone once. */
const bury =
  (listed: ListedResponse) =>
  (stored: Record<string, unknown> | undefined): UpdateResult =>
    stored ? {} : { value: documentOf(listed) };

/** What a chunk changes in the index for one response: where its document is now, and what it left behind. */
const changesOf = ({ first, last }: Span, updatedAt: string): ItemChange[] => {
  const id = (n: number) => `i|${last.responseId}|${n}`;
  const changes: ItemChange[] = [];
  const before = first?.status === 'active' ? liveKeyOf(first) : undefined;
  const after = last.status === 'active' ? liveKeyOf(last) : undefined;
  if (before && (!after || before.partition !== after.partition || before.sort !== after.sort)) {
    changes.push({ kind: 'update', id: id(0), item: before, apply: remove(last.version) });
  }
  if (after) {
    changes.push({ kind: 'update', id: id(1), item: after, apply: upsert(listedResponseOf(last, updatedAt)) });
  } else {
    const tombstone = tombstoneOf(last.responseId, updatedAt);
    changes.push({ kind: 'update', id: id(1), item: tombstoneKeyOf(last.responseId), apply: bury(tombstone) });
  }
  return changes;
};

export const responses: Projection<Map<string, Span>> = {
  name: 'responses',
  version: 2, // 2: follow-ups and the loop
  models: [RESPONSE_MODEL],
  addedOn: '2026-12-07',
  handles: ['ResponseSubmitted', 'ResponseAmended', 'ResponseErased', 'FollowUpRecorded'],
  init: () => new Map(),
  fold: foldSpan,
  changes: (spans, { now }) => [...spans.values()].flatMap((span) => changesOf(span, formatInstant(now))),
};
