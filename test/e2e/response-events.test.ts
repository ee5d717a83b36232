import { describe, expect, it } from 'vitest';
import { useTestStack } from '../support/stack';

const { stack, http } = useTestStack();

/** The `detail` of every published event of a type. */
const published = async (detailType: string) =>
  ((await http.get(`/local/events?detailType=${detailType}&limit=1000`)).body.events as { detail: any }[]).map((e) => e.detail);

const submit = (responseId: string, score: number, extra: Record<string, unknown> = {}) =>
  http.post('/v1/responses', { responseId, score, submittedAt: new Date().toISOString(), segments: { plan: 'pro' }, ...extra });

describe('response events (SPEC §7): referral and close-the-loop on amendment', () => {
  it('publishes one PromoterResponseReceived per promoter, and DetractorResponseReceived when an amendment makes a detractor', async () => {
    expect((await submit('ev-promoter', 10, { comment: 'Super accueil, je recommande', respondentId: 'crm-7' })).status).toBe(202);
    expect((await submit('ev-detractor', 2)).status).toBe(202);
    expect((await submit('ev-passive', 8, { comment: 'Fine' })).status).toBe(202);
    expect((await submit('ev-low', 5)).status).toBe(202);
    expect((await submit('ev-up', 7)).status).toBe(202);
    await stack().settled();
    // a passive amended to a detractor, with a new comment; a detractor amended lower; a passive amended to a promoter
    expect((await http.patch('/v1/responses/ev-passive', { score: 3, comment: 'Finally: far too slow' })).status).toBe(202);
    expect((await http.patch('/v1/responses/ev-low', { score: 1 })).status).toBe(202);
    expect((await http.patch('/v1/responses/ev-up', { score: 9 })).status).toBe(202);
    // a retried amendment is the same version: no second event
    expect((await http.patch('/v1/responses/ev-passive', { score: 3, comment: 'Finally: far too slow' })).status).toBe(200);
    await stack().settled();

    const promoters = await published('PromoterResponseReceived');
    expect(promoters.map((p) => p.metadata.id)).toEqual(['PromoterResponseReceived:ev-promoter']);
    expect(promoters[0].data).toMatchObject({
      responseId: 'ev-promoter',
      score: 10,
      segments: { plan: 'pro' },
      comment: 'Super accueil, je recommande',
      respondentId: 'crm-7',
      analysis: { language: 'fr' },
    });

    const detractors = await published('DetractorResponseReceived');
    expect(detractors.map((d) => d.metadata.id).sort()).toEqual([
      'DetractorResponseReceived:ev-detractor',
      'DetractorResponseReceived:ev-low',
      'DetractorResponseReceived:ev-passive:2',
    ]);
    const amended = detractors.find((d) => d.data.responseId === 'ev-passive');
    expect(amended.data).toMatchObject({ score: 3, comment: 'Finally: far too slow', analysis: { sentiment: { label: 'negative' } } });
  });
});
