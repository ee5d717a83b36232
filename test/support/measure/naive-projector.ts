import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { applyEvent, foldResponse } from '../../../domain/response';
import type { Combination } from '../../../domain/segments';
import type { ProjectableRecord } from '../../../functions/projection-engine/project-batch';
import { changesOf } from '../../../functions/projection-engine/projection';
import { catalogue } from '../../../functions/projections/catalogue';
import { counters } from '../../../functions/projections/counters';
import { writeItem } from '../../../functions/shared/dynamodb-projection-store';
import type { EventStore } from '../../../functions/shared/event-store';

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
  }: {
    client: DynamoDBDocumentClient;
    table: string;
    events: Pick<EventStore, 'readEvents'>;
    combinations: readonly Combination[];
  },
): Promise<void> => {
  const writes: NonNullable<ReturnType<typeof writeItem>['Update']>[] = [];
  for (const { event } of records) {
    const history =
      event.version > 1 ? (await events.readEvents(event.responseId)).filter((e) => e.version < event.version) : [];
    const before = foldResponse(history);
    const after = applyEvent(before, event);
    const changes = changesOf([counters, catalogue], [{ event, before, after }], {
      combinations,
      now: Date.now(),
      chunkKey: '',
    });
    for (const change of changes) {
      if (change.kind === 'add' || change.kind === 'union')
        writes.push(writeItem({ client, table }, 1, change).Update!);
    }
  }
  // one request per write, sent 16 at a time (ADD commutes, so order does not matter)
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let write = writes.shift(); write; write = writes.shift()) await client.send(new UpdateCommand(write));
    }),
  );
};
