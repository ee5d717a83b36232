import { describe, expect, it } from 'vitest';
import { recentErasures, responseIdOf, withoutPersonalData } from '../../../infra/local/personal-data-redaction';

describe('personal data of bus events', () => {
  it('is stripped from published (detail.data) and inbound (detail) events; the rest stays', () => {
    const published = {
      metadata: { id: 'DetractorResponseReceived:r1' },
      data: {
        responseId: 'r1',
        score: 3,
        segments: { comment: 'a segment named comment' },
        comment: 'x',
        analysis: {},
        respondentId: 'p',
      },
    };
    expect(withoutPersonalData(published)).toEqual({
      metadata: { id: 'DetractorResponseReceived:r1' },
      data: { responseId: 'r1', score: 3, segments: { comment: 'a segment named comment' } },
    });
    expect(withoutPersonalData({ responseId: 'r2', score: 9, comment: 'y', respondentId: 'q' })).toEqual({
      responseId: 'r2',
      score: 9,
    });
    expect([responseIdOf(published), responseIdOf({ responseId: 'r2' }), responseIdOf('text')]).toEqual([
      'r1',
      'r2',
      undefined,
    ]);
    expect(published.data.comment).toBe('x'); // a copy: the event given is not changed
  });

  it('remembers erased ids for a while and at most `keep` of them', () => {
    let now = 0;
    const recent = recentErasures({ keep: 2, now: () => now, ttlMs: 1_000 });
    recent.add(['a', 'b', 'c']);
    expect(['a', 'b', 'c'].map(recent.has)).toEqual([false, true, true]);
    now = 999;
    expect(recent.has('c')).toBe(true);
    now = 1_000;
    expect(recent.has('c')).toBe(false);
  });
});
