import { describe, expect, it } from 'vitest';
import { registerProjections } from '../../../functions/projection-engine/projection';
import { readCatalogue } from '../../../functions/projections/catalogue';
import { counters, readCounters } from '../../../functions/projections/counters';
import { transitionMatrix } from '../../../functions/projections/respondents/aggregates';
import { readAggregatesBetween, readView } from '../../../functions/projections/respondents/reads';
import { readChanges, walkResponses } from '../../../functions/projections/responses/reads';
import { readTerms } from '../../../functions/projections/terms';
import { respondentKeyOf } from '../../../functions/shared/respondent-key';
import { type GivenResponse, snapshotOf, whenProjected } from '../../support/projection-spec';

/**
 * A respondent who turned detractor (amended from 9 to 3), answered again (6); a promoter erased; every projection
 * folds them.
 */
const GIVEN: GivenResponse[] = [
  {
    responseId: 'r1',
    score: 9,
    amendedScore: 3,
    day: '2026-11-20',
    segments: { plan: 'pro' },
    comment: 'Prix beaucoup trop cher',
    respondentId: 'cust-1',
  },
  {
    responseId: 'r2',
    score: 10,
    day: '2026-11-21',
    segments: { plan: 'free' },
    comment: 'Parfait, merci Jeanne',
    erased: true,
  },
  { responseId: 'r3', score: 6, day: '2026-11-21', segments: { plan: 'pro' }, respondentId: 'cust-1' },
];

describe('projections: given responses, when projected, then each read model', () => {
  it('counters: the histogram of each bucket as responses now stand, the comment tallies beside it', async () => {
    const { store } = await whenProjected(GIVEN);
    const days = ['2026-11-20', '2026-11-21'].map((bucket) => ({ granularity: 'day' as const, bucket }));
    const { value } = await readCounters(store, { generation: 1, segment: 'all', buckets: days });
    expect(value.get('day|2026-11-20')?.scores[3]).toBe(1);
    expect(value.get('day|2026-11-20')?.scores.reduce((a, b) => a + b)).toBe(1);
    expect(value.get('day|2026-11-20')?.tallies['cm.d']).toBe(1);
    expect(value.get('day|2026-11-21')?.scores).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]); // r2 erased, r3 counted
  });

  it('catalogue: every value seen, erased responses included', async () => {
    const { store } = await whenProjected(GIVEN);
    expect((await readCatalogue(store, 1)).value).toEqual({ plan: ['free', 'pro'] });
  });

  it('terms: the words of current comments, none of an erased one', async () => {
    const { store } = await whenProjected(GIVEN);
    const [month] = (
      await readTerms(store, { generation: 1, segment: 'all', fromMonth: '2026-11', toMonth: '2026-11' })
    ).value;
    const texts = [...month!.values()].map((entry) => entry.text);
    expect(texts.some((text) => /cher/.test(text))).toBe(true);
    expect(texts.some((text) => /jeanne|parfait/i.test(text))).toBe(false);
    expect([...month!.values()].every((entry) => entry.detractorCount === entry.count)).toBe(true);
  });

  it('respondents: a view per person in event-time order, and the transitions between their responses', async () => {
    const { store } = await whenProjected(GIVEN);
    const view = (await readView(store, 1, respondentKeyOf('cust-1'))).value;
    expect(view?.responses.map((r) => [r.responseId, r.score])).toEqual([
      ['r1', 3],
      ['r3', 6],
    ]);
    const aggregates = (await readAggregatesBetween(store, 1, '2026-11-01', '2026-11-30')).value;
    expect(transitionMatrix(aggregates, 'all').rows.detractor.to.detractor.count).toBe(1);
  });

  it('responses: a document per live response as it now stands, a bare tombstone for an erased one', async () => {
    const memory = await whenProjected(GIVEN);
    const page = await walkResponses(memory.store, {
      generation: 1,
      from: '2026-11-01',
      to: '2026-11-30',
      categories: ['promoter', 'passive', 'detractor'],
      newestFirst: false,
      limit: 10,
      budget: 100,
      accept: () => true,
    });
    expect(page.items.map((r) => [r.responseId, r.version, r.category, r.comment, r.respondentId])).toEqual([
      ['r1', 2, 'detractor', 'Prix beaucoup trop cher', 'cust-1'],
      ['r3', 1, 'detractor', undefined, 'cust-1'],
    ]);
    expect(page.items[0]?.analysis?.themes.map((t) => t.theme)).toContain('price');
    const feed = await readChanges(memory.store, 1, { after: '', limit: 10 });
    expect(feed.items.find((r) => r.responseId === 'r2')).toEqual({
      responseId: 'r2',
      status: 'erased',
      updatedAt: '2026-11-25T00:00:00.000Z',
    });
    expect(snapshotOf(memory)).not.toMatch(/Jeanne|Parfait/);
  });

  it('outbox: what to publish, refs only (no personal data)', async () => {
    const { outbox } = await whenProjected(GIVEN);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      detractors: [
        { responseId: 'r1', version: 2 },
        { responseId: 'r3', version: 1 },
      ],
    });
    expect(outbox[0]?.promoters).toEqual([
      { responseId: 'r1', version: 1 },
      { responseId: 'r2', version: 1 },
    ]);
    expect(JSON.stringify(outbox)).not.toMatch(/cust-1|Prix|Jeanne/);
  });

  it('the same records delivered again change nothing in any read model', async () => {
    const memory = await whenProjected(GIVEN);
    const before = snapshotOf(memory);
    const again = await memory.deliverAgain();
    expect([again.applied, again.skipped]).toEqual([0, 5]);
    expect(snapshotOf(memory)).toBe(before);
  });

  it('are registered once: a second projection with the same name or model is refused', () => {
    expect(() => registerProjections([counters, { ...counters, models: [] }])).toThrow(
      'two projections are named counters',
    );
    expect(() => registerProjections([counters, { ...counters, name: 'copy' }])).toThrow(
      'two projections store the model counter',
    );
  });
});
