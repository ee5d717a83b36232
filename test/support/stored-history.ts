import type { StoredEvent } from '../../domain/events';
import { erasureEvent } from '../../domain/response';
import type { EventStore } from '../../functions/shared/event-store';
import { historyRespondentOf } from './synthetic-summary';

/**
 * Writes a generated history into a real event store, event by event, as the commands
 * would (submissions without comments, with the history's respondentId); answers each write's outcome so that a
 * test can insist every one landed.
 */
export const storeHistory = async (store: EventStore, history: readonly StoredEvent[]): Promise<string[]> => {
  const outcomes: string[] = [];
  for (const event of history) {
    if (event.type === 'ResponseSubmitted') {
      const { score, submittedAt, segments } = event.data;
      const respondentId = event.data.hasRespondentId ? { respondentId: historyRespondentOf(event.responseId)! } : {};
      outcomes.push(
        await store.submit(
          { responseId: event.responseId, score, submittedAt, segments, ...respondentId },
          event.recordedAt,
        ),
      );
    } else {
      const data =
        event.type === 'ResponseErased'
          ? erasureEvent(event.data.erasedAt)
          : { type: event.type, schemaVersion: 1 as const, data: event.data };
      outcomes.push(
        await store.append({
          responseId: event.responseId,
          expectedVersion: event.version - 1,
          event: data,
          recordedAt: event.recordedAt,
        }),
      );
    }
  }
  return outcomes;
};
