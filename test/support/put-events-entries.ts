/** A `PutEvents` entry of an `NpsAggregateUpdated` event with `metadata.id` `evt-<i>`, padded to about `bytes`. */
export const aggregateUpdatedEntry = (i: number, bytes: number) => ({
  Source: 'nps.backend',
  DetailType: 'NpsAggregateUpdated',
  EventBusName: 'bus',
  Detail: JSON.stringify({
    metadata: { id: `evt-${i}`, type: 'NpsAggregateUpdated', version: 1, occurredAt: '2026-11-23T00:00:00Z' },
    data: { padding: 'é'.repeat(bytes / 2) },
  }),
});
