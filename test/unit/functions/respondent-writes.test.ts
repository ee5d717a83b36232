import { describe, expect, it } from 'vitest';
import type { RespondentChange } from '../../../domain/respondents/changes';
import type { RespondentResponse } from '../../../domain/respondents/history';
import {
  changesThatFit,
  respondentWrites,
  type StoredView,
  sizeOf,
} from '../../../functions/shared/dynamodb-projection-store/respondent-items';

const CONTEXT = { generation: 1, combinations: [], updatedAt: '2026-12-05T00:00:00.000Z' };
const DAY = 86_400_000;

const response = (person: number, i: number, day: number): RespondentResponse => ({
  responseId: `p${person}-r${i}`,
  score: (person + i) % 11,
  submittedAt: new Date(Date.UTC(2025, 0, 1) + day * DAY).toISOString(),
  segments: { region: 'eu' },
});

/** People who each had `history` responses (one every 30 days, from a day of their own when `apart`) and now send one more. */
const people = (count: number, history: number, apart: boolean) => {
  const stored = new Map<string, StoredView>();
  const changes: RespondentChange[] = [];
  for (let p = 0; p < count; p++) {
    const first = apart ? p : 0;
    const responses = Array.from({ length: history }, (_, i) => response(p, i, first + i * 30));
    stored.set(`k${p}`, { version: 1, respondentId: `person-${p}`, responses });
    changes.push({ key: `k${p}`, respondentId: `person-${p}`, set: [response(p, history, first + history * 30)], remove: [] });
  }
  return { stored, changes };
};

describe('respondent changes that fit in a transaction written ahead of their group', () => {
  it('counts each aggregate item once however many changes add to it, and stops before the room is exceeded', () => {
    // everyone answered on the same days: their changes share the day and month items
    const same = people(60, 3, false);
    const shared = changesThatFit('t', CONTEXT, { ...same, room: { items: 98, bytes: 3_500_000 } });
    expect(respondentWrites('t', CONTEXT, same.changes, same.stored).length).toBeLessThanOrEqual(98);
    expect(shared).toHaveLength(60);
    // each on days of their own: a few people per transaction
    const apart = people(60, 3, true);
    const fitting = changesThatFit('t', CONTEXT, { changes: apart.changes, stored: apart.stored, room: { items: 98, bytes: 3_500_000 } });
    const writes = respondentWrites('t', CONTEXT, fitting, apart.stored);
    const withOneMore = respondentWrites('t', CONTEXT, apart.changes.slice(0, fitting.length + 1), apart.stored);
    expect(fitting.length).toBeGreaterThan(1);
    expect(fitting.length).toBeLessThan(60);
    expect(writes.length).toBeLessThanOrEqual(98);
    expect(withOneMore.length).toBeGreaterThan(98);
  });

  it('keeps a transaction of large views under the byte room', () => {
    const large = people(12, 900, false);
    const room = { items: 98, bytes: 500_000 };
    const fitting = changesThatFit('t', CONTEXT, { ...large, room });
    const views = (changes: RespondentChange[]) =>
      respondentWrites('t', CONTEXT, changes, large.stored).filter((write) => write.Put?.Item?.pk?.startsWith('r#'));
    expect(sizeOf(views(fitting))).toBeLessThanOrEqual(room.bytes);
    expect(sizeOf(views(large.changes.slice(0, fitting.length + 1)))).toBeGreaterThan(room.bytes);
    expect(fitting.length).toBeGreaterThan(0);
  });
});
