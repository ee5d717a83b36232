import type { StoredEvent } from '../../domain/events';
import { historyPersonalData } from './event-history';

/**
 * A generated history's streams as the projector's event source: events by response, the
 * personal data each response's stream implies (`historyPersonalData`), nothing to forget.
 */
export const historyEventSource = (streams: ReadonlyMap<string, StoredEvent[]>) => ({
  readEvents: async (id: string) => streams.get(id) ?? [],
  readPersonalData: async (ids: string[]) => new Map(ids.map((id) => [id, historyPersonalData(streams.get(id) ?? [])])),
  forgetErased: async () => undefined,
});
