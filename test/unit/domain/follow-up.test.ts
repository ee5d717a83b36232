import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../domain/events';
import { decideFollowUp, loopOf, parseFollowUp } from '../../../domain/follow-up';
import {
  contactMinutes,
  loopContribution,
  loopDelta,
  loopFigures,
  medianHours,
  wilsonInterval,
} from '../../../domain/loop-figures';
import { foldResponse } from '../../../domain/response';

const submittedAt = '2026-11-20T10:00:00.000Z';
const submitted: StoredEvent = {
  type: 'ResponseSubmitted',
  schemaVersion: 1,
  responseId: 'r1',
  version: 1,
  recordedAt: submittedAt,
  data: { score: 3, submittedAt, segments: { region: 'eu' }, hasComment: false, hasRespondentId: false },
};
const followUp = (version: number, status: string, at: string): StoredEvent =>
  ({
    type: 'FollowUpRecorded',
    schemaVersion: 1,
    responseId: 'r1',
    version,
    recordedAt: at,
    data: { followUpId: `f${version}`, status, at, hasNote: false, hasBy: false },
  }) as StoredEvent;

describe('parseFollowUp', () => {
  const now = Date.parse('2026-11-22T00:00:00Z');

  it('defaults at to now and keeps what was sent', () => {
    expect(parseFollowUp({ status: 'contacted', channel: 'phone', note: 'called' }, submittedAt, now)).toEqual({
      ok: true,
      value: { status: 'contacted', channel: 'phone', note: 'called', at: '2026-11-22T00:00:00.000Z' },
    });
  });

  it.each([
    [{ status: 'called' }, 'status'],
    [{ status: 'contacted', channel: 'fax' }, 'channel'],
    [{ status: 'contacted', at: '2026-11-19T00:00:00Z' }, 'at'],
    [{ status: 'contacted', at: '2026-11-22T00:06:00Z' }, 'at'],
    [{ status: 'contacted', note: '' }, 'note'],
    [{ status: 'contacted', followUpId: '../x' }, 'followUpId'],
    [{ status: 'contacted', extra: 1 }, 'extra'],
  ])('refuses %j at %s', (body, path) => {
    const parsed = parseFollowUp(body, submittedAt, now);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors.map((e) => e.path)).toContain(path);
  });
});

describe('decideFollowUp', () => {
  const state = foldResponse([submitted, followUp(2, 'contacted', '2026-11-20T12:00:00.000Z')])!;
  const same = () => true;

  it('records a new followUpId', () => {
    const decision = decideFollowUp(state, { followUpId: 'new', status: 'resolved', at: submittedAt }, same);
    expect(decision).toMatchObject({
      kind: 'record',
      event: { type: 'FollowUpRecorded', data: { followUpId: 'new' } },
    });
  });

  it('answers a re-sent follow-up as a duplicate, a different one under the same id as a conflict', () => {
    const resent = { followUpId: 'f2', status: 'contacted' as const, at: '2026-11-20T12:00:00.000Z' };
    expect(decideFollowUp(state, resent, same).kind).toBe('duplicate');
    expect(decideFollowUp(state, { ...resent, status: 'resolved' }, same).kind).toBe('conflict');
    expect(decideFollowUp(state, resent, () => false).kind).toBe('conflict');
  });
});

describe('loopOf', () => {
  const loop = (...events: StoredEvent[]) => loopOf(foldResponse([submitted, ...events])!);

  it('is open for a detractor without follow-up, none for others', () => {
    expect(loop().status).toBe('open');
    expect(loopOf({ score: 9 }).status).toBe('none');
  });

  it('takes the earliest contact and resolution whatever the order they were recorded in', () => {
    expect(
      loop(
        followUp(2, 'resolved', '2026-11-21T10:00:00.000Z'),
        followUp(3, 'no_answer', '2026-11-20T11:00:00.000Z'),
        followUp(4, 'contacted', '2026-11-20T15:00:00.000Z'),
      ),
    ).toEqual({
      status: 'resolved',
      firstContactAt: '2026-11-20T15:00:00.000Z',
      resolvedAt: '2026-11-21T10:00:00.000Z',
    });
  });

  it('says attempted for unanswered calls only, closed for wont_fix', () => {
    expect(loop(followUp(2, 'no_answer', '2026-11-20T11:00:00.000Z')).status).toBe('attempted');
    expect(
      loop(followUp(2, 'no_answer', '2026-11-20T11:00:00.000Z'), followUp(3, 'wont_fix', submittedAt)).status,
    ).toBe('closed');
  });

  it('forgets follow-ups once erased', () => {
    const erased: StoredEvent = { ...submitted, type: 'ResponseErased', version: 3, data: { erasedAt: submittedAt } };
    const state = foldResponse([submitted, followUp(2, 'contacted', submittedAt), erased])!;
    expect(state.followUps).toBeUndefined();
  });
});

describe('loop figures', () => {
  it('counts minutes exactly within 48 hours and whole hours after', () => {
    expect(contactMinutes(90.9 * 60_000)).toBe(90);
    expect(contactMinutes(2879 * 60_000)).toBe(2879);
    expect(contactMinutes((50 * 60 + 59) * 60_000)).toBe(3000);
  });

  it('takes a median of minutes in hours, the mean of the middle two for an even count', () => {
    expect(medianHours(new Map())).toBeNull();
    expect(
      medianHours(
        new Map([
          [60, 1],
          [180, 1],
        ]),
      ),
    ).toBe(2);
    expect(
      medianHours(
        new Map([
          [60, 2],
          [600, 1],
        ]),
      ),
    ).toBe(1);
  });

  it('gives the Wilson interval', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    const { low, high } = wilsonInterval(8, 10)!;
    expect(low).toBeCloseTo(0.4902, 4);
    expect(high).toBeCloseTo(0.9433, 4);
  });

  it('moves a contacted detractor between buckets and out when amended to a promoter', () => {
    const contacted = foldResponse([submitted, followUp(2, 'contacted', '2026-11-20T11:30:00.000Z')])!;
    const delta = loopDelta(loopContribution(undefined, []), loopContribution(contacted, []));
    expect(Object.fromEntries(delta.get('all|day|2026-11-20')!)).toEqual({ d: 1, c: 1, w: 1, h90: 1 });
    expect(delta.get('region:eu|month|2026-11')).toBeDefined();
    const promoted = { ...contacted, score: 9 };
    const out = loopDelta(loopContribution(contacted, []), loopContribution(promoted, []));
    expect(Object.fromEntries(out.get('all|day|2026-11-20')!)).toEqual({ d: -1, c: -1, w: -1, h90: -1 });
  });

  it('answers null shares without detractors', () => {
    const figures = loopFigures(new Map(), { contacted: [0, 0], notContacted: [4, 1] });
    expect(figures).toMatchObject({ detractors: 0, contactedShare: null, medianHoursToFirstContact: null });
    expect(figures.recovery.notContacted).toMatchObject({ answeredAgain: 4, recovered: 1, share: 0.25 });
  });
});
