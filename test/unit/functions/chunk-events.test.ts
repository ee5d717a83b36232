import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../domain/events';
import type { PersonalData } from '../../../domain/personal-data';
import { chunkEvents } from '../../../functions/publisher/chunk-events';
import { InvariantError } from '../../../functions/shared/errors';
import type { ChunkEntry } from '../../../functions/shared/outbox';

const at = '2026-11-20T10:00:00.000Z';

const submitted = (responseId: string, score: number): StoredEvent => ({
  type: 'ResponseSubmitted',
  schemaVersion: 1,
  responseId,
  version: 1,
  recordedAt: at,
  data: { score, submittedAt: at, segments: { plan: 'pro' }, hasComment: true, hasRespondentId: true },
});

const amended = (responseId: string, version: number, score: number, commentAmended = false): StoredEvent => ({
  type: 'ResponseAmended',
  schemaVersion: 1,
  responseId,
  version,
  recordedAt: at,
  data: { score, commentAmended, amendedAt: at },
});

const erased = (responseId: string, version: number): StoredEvent => ({
  type: 'ResponseErased',
  schemaVersion: 1,
  responseId,
  version,
  recordedAt: at,
  data: { erasedAt: at },
});

const entry = (refs: Partial<Pick<ChunkEntry, 'detractors' | 'promoters'>>): ChunkEntry => ({
  id: 'chunk#x:1',
  kind: 'chunk',
  occurredAt: at,
  segments: [],
  detractors: refs.detractors ?? [],
  ...(refs.promoters ? { promoters: refs.promoters } : {}),
  expiresAt: 0,
});

/** A store of streams and personal data, as the publisher reads them (now, not when the chunk was projected). */
const responsesOf = (streams: StoredEvent[][], personal: Record<string, PersonalData>) => ({
  readEventsAt: async (positions: { responseId: string; version: number }[]) =>
    streams
      .flat()
      .filter((event) => positions.some((p) => p.responseId === event.responseId && p.version === event.version)),
  readPersonalData: async (ids: string[]) =>
    new Map(ids.flatMap((id) => (personal[id] ? [[id, personal[id]] as [string, PersonalData]] : []))),
});

const details = async (...args: Parameters<typeof chunkEvents>) =>
  (await chunkEvents(...args)).map((event) => ({ type: event.type, ...JSON.parse(event.detail) }));

describe('chunkEvents: response events read when publishing', () => {
  it('publishes a promoter erased before publishing without its comment and respondentId', async () => {
    const responses = responsesOf([[submitted('p1', 10), erased('p1', 2)]], {});
    const [event] = await details({
      entry: entry({ promoters: [{ responseId: 'p1', version: 1 }] }),
      snapshots: [],
      responses,
    });
    expect(event).toMatchObject({ type: 'PromoterResponseReceived', metadata: { id: 'PromoterResponseReceived:p1' } });
    expect(event.data).toEqual({ responseId: 'p1', score: 10, submittedAt: at, segments: { plan: 'pro' } });
  });

  it('describes an amendment into a detractor as that version left it: score and comment then shown', async () => {
    const stream = [submitted('a1', 8), amended('a1', 2, 4, true), amended('a1', 3, 6)];
    const personal = { a1: { respondentId: 'crm-1', comments: { 1: 'ok', 2: 'worse now' }, analyses: {} } };
    const [event] = await details({
      entry: entry({ detractors: [{ responseId: 'a1', version: 2 }] }),
      snapshots: [],
      responses: responsesOf([stream], personal),
    });
    expect(event.metadata.id).toBe('DetractorResponseReceived:a1:2');
    expect(event.data).toMatchObject({ score: 4, comment: 'worse now', respondentId: 'crm-1' });
  });

  it('refuses a ref that is not in the event store (a bug, never a silent skip)', async () => {
    const responses = responsesOf([[submitted('d1', 2)]], {});
    await expect(
      chunkEvents({ entry: entry({ detractors: [{ responseId: 'd1', version: 3 }] }), snapshots: [], responses }),
    ).rejects.toThrow(InvariantError);
  });
});
