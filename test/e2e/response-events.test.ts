import { describe, expect, it } from 'vitest';
import { useTestStack } from '../support/stack';

const { stack, http } = useTestStack();

/** The `detail` of every published event of a type. */
const published = async (detailType: string) =>
  ((await http.get(`/local/events?detailType=${detailType}&limit=1000`)).body.events as { detail: any }[]).map(
    (e) => e.detail,
  );

const submit = (responseId: string, score: number, extra: Record<string, unknown> = {}) =>
  http.post('/v1/responses', {
    responseId,
    score,
    submittedAt: new Date().toISOString(),
    segments: { plan: 'pro' },
    ...extra,
  });

describe('response events: referral and close-the-loop on amendment', () => {
  it(
    'publishes one PromoterResponseReceived per promoter, and DetractorResponseReceived when an amendment makes a ' +
      'detractor',
    async () => {
      expect(
        (await submit('ev-promoter', 10, { comment: 'Super accueil, je recommande', respondentId: 'crm-7' })).status,
      ).toBe(202);
      expect((await submit('ev-detractor', 2)).status).toBe(202);
      expect((await submit('ev-passive', 8, { comment: 'Fine' })).status).toBe(202);
      expect((await submit('ev-low', 5)).status).toBe(202);
      expect((await submit('ev-up', 7)).status).toBe(202);
      await stack().settled();
      // a passive amended to a detractor, with a new comment; a detractor amended lower;
      // a passive amended to a promoter
      expect(
        (await http.patch('/v1/responses/ev-passive', { score: 3, comment: 'Finally: far too slow' })).status,
      ).toBe(202);
      expect((await http.patch('/v1/responses/ev-low', { score: 1 })).status).toBe(202);
      expect((await http.patch('/v1/responses/ev-up', { score: 9 })).status).toBe(202);
      // a retried amendment is the same version: no second event
      expect(
        (await http.patch('/v1/responses/ev-passive', { score: 3, comment: 'Finally: far too slow' })).status,
      ).toBe(200);
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
      expect(amended.data).toMatchObject({
        score: 3,
        comment: 'Finally: far too slow',
        analysis: { sentiment: { label: 'negative' } },
      });
    },
  );
});

describe('customers at risk', () => {
  it(
    'publishes RespondentAtRisk once for the response version that leaves a promoter or passive at risk, none for ' +
      'an earlier or erased one',
    async () => {
      const start = Date.now() - 30 * 86_400_000;
      const at = (day: number) => new Date(start + day * 86_400_000).toISOString();
      const post = (responseId: string, score: number, day: number, extra: Record<string, unknown>) =>
        http.post('/v1/responses', { responseId, score, submittedAt: at(day), segments: { plan: 'pro' }, ...extra });
      const negative = 'Terrible service, rude staff and very slow delivery';
      expect((await post('risk-1', 10, 1, { respondentId: 'crm risk/1' })).status).toBe(202);
      expect((await post('risk-2', 7, 10, { respondentId: 'crm risk/1', comment: negative })).status).toBe(202);
      // arrives late, lands before risk-2 by event time: not the latest, so it decides nothing
      expect((await post('risk-0', 8, 5, { respondentId: 'crm risk/1', comment: negative })).status).toBe(202);
      expect((await post('gone-1', 7, 3, { respondentId: 'crm-gone', comment: negative })).status).toBe(202);
      expect((await http.delete('/v1/responses/gone-1')).status).toBe(202);
      await stack().settled();
      // a retried submission is the same version: no second event
      expect((await post('risk-2', 7, 10, { respondentId: 'crm risk/1', comment: negative })).status).toBe(200);
      await stack().settled();

      const events = await published('RespondentAtRisk');
      expect(events.map((e) => e.metadata.id)).toEqual(['RespondentAtRisk:risk-2:1']);
      expect(events[0].data).toMatchObject({
        respondentId: 'crm risk/1',
        responseId: 'risk-2',
        latest: { score: 7, category: 'passive', submittedAt: at(10) },
        previous: { score: 8, category: 'passive', submittedAt: at(5) },
        segments: { plan: 'pro' },
      });
      expect(events[0].data.reasons).toContain('negative_comment');
      const view = await http.get(`/v1/respondents/${encodeURIComponent('crm risk/1')}`);
      expect(view.body.risk).toMatchObject({ atRisk: true, reasons: events[0].data.reasons });
      expect((await http.get('/v1/respondents/crm-gone')).status).toBe(404);
    },
  );
});
