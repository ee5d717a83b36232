import { describe, expect, it } from 'vitest';
import type { RespondentChange } from '../../../domain/respondents/changes';
import type { RespondentResponse } from '../../../domain/respondents/history';
import { updatesThatFit } from '../../../functions/projection-engine/group-writer';
import type { PlannedChange } from '../../../functions/projection-engine/projection';
import type { StoredDocument } from '../../../functions/projection-engine/store';
import { documentKey, documentWrites, mergeAdds, writeBytes } from '../../../functions/projection-engine/writes';
import { respondentChanges } from '../../../functions/projections/respondents';
import { VIEW_MODEL, viewDocument } from '../../../functions/projections/respondents/views';

const CONTEXT = { combinations: [], updatedAt: '2026-12-05T00:00:00.000Z' };
const DAY = 86_400_000;
type Update = Extract<PlannedChange, { kind: 'update' }>;

const response = (person: number, i: number, day: number): RespondentResponse => ({
  responseId: `p${person}-r${i}`,
  score: (person + i) % 11,
  submittedAt: new Date(Date.UTC(2025, 0, 1) + day * DAY).toISOString(),
  segments: { region: 'eu' },
});

/**
 * People who each had `history` responses (one every 30 days, from a day of their own when `apart`) and now send one
 * more.
 */
const people = (count: number, history: number, apart: boolean) => {
  const stored = new Map<string, StoredDocument>();
  const updates: Update[] = [];
  for (let p = 0; p < count; p++) {
    const first = apart ? p : 0;
    const responses = Array.from({ length: history }, (_, i) => response(p, i, first + i * 30));
    const view = viewDocument({ key: `k${p}`, respondentId: `person-${p}`, responses, updatedAt: CONTEXT.updatedAt });
    stored.set(documentKey({ model: VIEW_MODEL, partition: `k${p}`, sort: '-' }), {
      version: 1,
      attributes: view.attributes,
    });
    const change: RespondentChange = {
      key: `k${p}`,
      respondentId: `person-${p}`,
      set: [response(p, history, first + history * 30)],
      remove: [],
    };
    updates.push(...(respondentChanges(change, CONTEXT) as Update[]));
  }
  return { stored, updates };
};

/** The writes of updates over the documents as read: puts, and the adds coalesced per item. */
const writesOf = (updates: Update[], stored: Map<string, StoredDocument>) => {
  const { puts, adds } = documentWrites(updates, stored, documentKey);
  return { puts, all: [...puts, ...mergeAdds(adds, documentKey)] };
};

describe('updates that fit in a transaction written ahead of their group', () => {
  it('counts each item they add to once however many updates add to it, and stops before the room is exceeded', () => {
    // everyone answered on the same days: their changes share the day and month items
    const same = people(60, 3, false);
    const shared = updatesThatFit(same.updates, same.stored, { items: 98, bytes: 3_500_000 });
    expect(writesOf(same.updates, same.stored).all.length).toBeLessThanOrEqual(98);
    expect(shared).toHaveLength(60);
    // each on days of their own: a few people per transaction
    const apart = people(60, 3, true);
    const fitting = updatesThatFit(apart.updates, apart.stored, { items: 98, bytes: 3_500_000 });
    const writes = writesOf(fitting, apart.stored).all;
    const withOneMore = writesOf(apart.updates.slice(0, fitting.length + 1), apart.stored).all;
    expect(fitting.length).toBeGreaterThan(1);
    expect(fitting.length).toBeLessThan(60);
    expect(writes.length).toBeLessThanOrEqual(98);
    expect(withOneMore.length).toBeGreaterThan(98);
  });

  it('keeps a transaction of large views under the byte room', () => {
    const large = people(12, 900, false);
    const room = { items: 98, bytes: 500_000 };
    const fitting = updatesThatFit(large.updates, large.stored, room);
    const bytes = (updates: Update[]) =>
      writesOf(updates, large.stored).puts.reduce((sum, put) => sum + writeBytes(put), 0);
    expect(bytes(fitting)).toBeLessThanOrEqual(room.bytes);
    expect(bytes(large.updates.slice(0, fitting.length + 1))).toBeGreaterThan(room.bytes);
    expect(fitting.length).toBeGreaterThan(0);
  });
});
