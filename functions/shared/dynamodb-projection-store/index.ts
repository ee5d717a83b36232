import type { GenerationStore, ProjectionStore, RespondentReads } from '../projection-store';
import { generationOperations } from './generations';
import { applyGroup, findChunk, type ProjectionTables, putContinuation, readMeta } from './projector-writes';
import { readBucketRange, readBuckets, readCatalog, readTerms } from './reads';
import { respondentReads } from './respondent-reads';

export { catalogUpdates, counterUpdate, projectionKeys } from './items';
export type { ProjectionTables } from './projector-writes';

/**
 * The read model on DynamoDB: counters as items with one number attribute per score,
 * added to with `ADD` so that concurrent writers commute; the projector's markers, the
 * catalogue, the generations a rebuild builds. One adapter for the projector, the
 * queries and the rebuild.
 *
 * @example
 * const store = createDynamoDbProjectionStore({ client, table: 'Projections' });
 * const meta = await store.readMeta();
 */
export const createDynamoDbProjectionStore = (tables: ProjectionTables): ProjectionStore & GenerationStore & RespondentReads => ({
  readMeta: () => readMeta(tables),
  findChunk: (key) => findChunk(tables, key),
  putContinuation: (chunk, expiresAt) => putContinuation(tables, chunk, expiresAt),
  applyGroup: (write) => applyGroup(tables, write),
  readBuckets: readBuckets(tables),
  readBucketRange: readBucketRange(tables),
  readCatalog: readCatalog(tables),
  readTerms: readTerms(tables),
  ...generationOperations(tables),
  ...respondentReads(tables),
});
