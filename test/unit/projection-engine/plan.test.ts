import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../domain/analysis/analyze';
import type { StoredEvent } from '../../../domain/events';
import type { RespondentRef } from '../../../domain/respondents/changes';
import { foldResponse, type ResponseState } from '../../../domain/response';
import { completeChunk } from '../../../functions/projection-engine/chunks';
import { type PlanWeights, planChanges } from '../../../functions/projection-engine/plan';
import type { PlannedChange, Transition } from '../../../functions/projection-engine/projection';
import { eventRef } from '../../../functions/projection-engine/store';
import { transitionsOf } from '../../../functions/projection-engine/transitions';
import { PROJECTIONS } from '../../../functions/projections';
import { generateHistory } from '../../support/event-history';
import { byResponse } from '../../support/fault-harness';
import { historyEventSource } from '../../support/history-events';
import { createMemoryProjectionStore } from '../../support/memory-projection-store';
import { seededRandom } from '../../support/random';

const COMBINATIONS = [['plan', 'region']];
const AT = '2026-11-23T12:00:00.000Z';

/** A submission, as the projector sees it: the state before (none) and after, with its respondent attached. */
const submitted = (responseId: string, respondent: RespondentRef | undefined, day: number): Transition => {
  const event: StoredEvent = {
    type: 'ResponseSubmitted',
    schemaVersion: 1,
    responseId,
    version: 1,
    recordedAt: AT,
    data: {
      score: day % 11,
      submittedAt: new Date(Date.UTC(2026, 0, 1 + day)).toISOString(),
      segments: { plan: ['free', 'pro'][day % 2]!, region: ['eu', 'us', 'apac'][day % 3]! },
      hasComment: false,
      hasRespondentId: respondent !== undefined,
    },
  };
  const after: ResponseState & { respondent?: RespondentRef } = {
    ...foldResponse([event])!,
    ...(respondent ? { respondent } : {}),
  };
  return { event, before: undefined, after };
};

/** An erasure of a response of a person known by key only (its personal data is gone). */
const erased = (transition: Transition, key: string): Transition => {
  const after = { ...transition.after, version: 2, status: 'erased' as const, respondent: { key } };
  return { event: { ...transition.event, version: 2 }, before: transition.after, after };
};

/** How the planner splits some transitions into groups (every projection folded). */
const planGroups = (transitions: Transition[], combinations: string[][], weights?: PlanWeights) =>
  planChanges(PROJECTIONS, transitions, { combinations, now: Date.parse(AT), chunkKey: 'chunk' }, weights);

/** The projections chunks were planned with before chunks recorded them (the response index came after). */
const EARLIER = PROJECTIONS.filter((projection) => !projection.addedOn);

const person = (i: number): RespondentRef => ({ key: `k${String(i).padStart(4, '0')}`, id: `person-${i}` });
const isRespondent = (change: PlannedChange) => change.item.model === 'respondent';
const respondentsIn = (group: PlannedChange[]) => group.filter(isRespondent).length;

describe('planGroups: how a chunk splits into transactions', () => {
  it('puts many people in one group, reserving room for the aggregate items once per group', () => {
    const transitions = Array.from({ length: 150 }, (_, i) => submitted(`r-${i}`, person(i), i % 20));
    const { groups } = planGroups(transitions, COMBINATIONS);
    const worstCase = planGroups(transitions, COMBINATIONS, 'worst-case').groups;
    expect(groups.flat()).toHaveLength(worstCase.flat().length);
    // 150 views and their counters: a handful of transactions, not one per ten people
    expect(groups.length).toBeLessThanOrEqual(Math.ceil(worstCase.flat().length / 80) + 1);
    expect(worstCase.length).toBeGreaterThan(15);
    expect(Math.max(...groups.map(respondentsIn))).toBeGreaterThan(50);
    for (const [index, group] of groups.entries()) {
      const reserve = respondentsIn(group) ? 10 : 0;
      expect(group.length + reserve, `group ${index}`).toBeLessThanOrEqual(index === 0 ? 96 : 98);
    }
  });

  it('writes each part of a large erasure alone, in order, away from other people', () => {
    const history = Array.from({ length: 25 }, (_, i) => submitted(`big-${i}`, person(7), i));
    const transitions = [...history.map((t) => erased(t, person(7).key)), submitted('other', person(8), 3)];
    const { groups } = planGroups(transitions, COMBINATIONS);
    const parts = groups.filter((group) =>
      group.some((change) => isRespondent(change) && change.item.partition === person(7).key),
    );
    expect(parts.map((group) => group.filter(isRespondent).map((change) => change.id))).toEqual([
      [`r|${person(7).key}|000000`],
      [`r|${person(7).key}|000001`],
      [`r|${person(7).key}|000002`],
    ]);
  });

  it('hashes where groups split; the worst-case plan keeps the hash that chunks stored before 2026-12 carry', () => {
    const transitions = Array.from({ length: 150 }, (_, i) => submitted(`r-${i}`, person(i), i % 20));
    const reserve = planGroups(transitions, COMBINATIONS);
    const worstCase = planGroups(transitions, COMBINATIONS, 'worst-case');
    const idsOnly = createHash('sha256')
      .update(worstCase.groups.flatMap((group) => group.map((change) => change.id)).join('\n'))
      .digest('base64url')
      .slice(0, 16);
    expect(worstCase.planHash).toBe(idsOnly);
    expect(reserve.planHash).not.toBe(worstCase.planHash);
    expect(planGroups(transitions, COMBINATIONS).planHash).toBe(reserve.planHash);
  });
});

describe('completing a chunk planned before groups reserved once (worst case, its markers live two days)', () => {
  it('finds the split the chunk was planned with and writes its remaining groups', async () => {
    const history = generateHistory(900, seededRandom(3));
    const streams = byResponse(history);
    const memory = createMemoryProjectionStore();
    const deps = {
      store: memory.store,
      projections: PROJECTIONS,
      events: historyEventSource(streams),
      analyzer: createAnalyzer(),
      combinations: COMBINATIONS,
      now: Date.now,
    };
    const context = { combinations: COMBINATIONS, now: Date.parse(AT), chunkKey: 'chunk' };
    const old = planChanges(EARLIER, await transitionsOf(history, deps), context, 'worst-case');
    const current = planChanges(EARLIER, await transitionsOf(history, deps), context);
    expect(current.groups.length).toBeLessThan(old.groups.length);
    const members = history.map(eventRef);
    const stored = {
      key: members[0]!,
      members,
      generation: 1,
      groupCount: old.groups.length,
      planHash: old.planHash,
      appliedGroups: 1,
    };
    await memory.store.putContinuation(stored, 0); // the chunk as the old planner stored it, its group 0 applied
    // without the old split to fall back on, this chunk could not be completed identically and its stream would stall
    expect(await completeChunk(stored, deps, await memory.store.readMeta())).toBe(old.groups.length - 1);
    const mismatched = { ...stored, planHash: 'not-a-plan' };
    await expect(completeChunk(mismatched, deps, await memory.store.readMeta())).rejects.toThrow(
      'cannot be completed identically',
    );
  });
});
