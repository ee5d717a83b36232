import type { ProjectionStore } from '../../projection-engine/store';
import { generationOperations } from './generations';
import { readOperations } from './reads';
import { type ProjectionTables, transact } from './transactions';

export { episodeOf, metaOf } from './items';
export { itemKeyOf, projectionKeys } from './keys';
export { type ProjectionTables, writeItem } from './transactions';

/**
 * The read models on DynamoDB: every model's items in the projections table, keyed by
 * model, generation and partition (`keys.ts`); counts and sets added to with `ADD` so that
 * concurrent writers commute; documents put back conditioned on their version; the
 * engine's markers, journal and meta beside them. One adapter for the projector, the
 * queries and the rebuild.
 *
 * @example
 * const store = createDynamoDbProjectionStore({ client, table: 'Projections', outboxTable: 'Outbox' });
 * const meta = await store.readMeta();
 */
export const createDynamoDbProjectionStore = (tables: ProjectionTables): ProjectionStore => ({
  ...generationOperations(tables),
  ...readOperations(tables),
  transact: (transaction) => transact(tables, transaction),
});
