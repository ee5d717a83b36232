import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { catalogOf, createCounterFold } from '../domain/projection';
import { applyEvent, foldResponse } from '../domain/response';
import type { Combination } from '../domain/segments';
import type { ProjectableRecord } from '../functions/projector/project-batch';
import { catalogUpdates, counterUpdate } from '../functions/shared/dynamodb-projection-store';
import type { EventStore } from '../functions/shared/event-store';

/**
 * The baseline the coalesced projector is measured against: every event becomes one
 * `UpdateItem` per counter it changes and one per dimension of the catalogue, as a
 * straightforward stream handler would write it (no coalescing, no exactly-once
 * bookkeeping). Same table layout, same fold, so both can be compared item for item.
 */
export const naiveProjectBatch = async (
  records: ProjectableRecord[],
  {
    client,
    table,
    events,
    combinations,
  }: { client: DynamoDBDocumentClient; table: string; events: Pick<EventStore, 'readEvents'>; combinations: readonly Combination[] },
): Promise<void> => {
  const writes: NonNullable<ReturnType<typeof counterUpdate>['Update']>[] = [];
  for (const { event } of records) {
    const history = event.version > 1 ? (await events.readEvents(event.responseId)).filter((e) => e.version < event.version) : [];
    const before = foldResponse(history);
    const after = applyEvent(before, event);
    const fold = createCounterFold(combinations);
    fold.add(before, after);
    const catalog = Object.fromEntries([...catalogOf([after])].map(([d, values]) => [d, [...values]]));
    writes.push(
      ...[...fold.deltas().map((delta) => counterUpdate(table, 1, delta)), ...catalogUpdates(table, 1, catalog)].map((w) => w.Update!),
    );
  }
  // one request per write, sent 16 at a time (ADD commutes, so order does not matter)
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let write = writes.shift(); write; write = writes.shift()) await client.send(new UpdateCommand(write));
    }),
  );
};
