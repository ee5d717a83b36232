import { batchGetAll, queryAll } from '../dynamodb';
import { bucketKey, type ProjectionStore } from '../projection-store';
import { catalogEntryOf, counterOf, projectionKeys } from './items';
import type { ProjectionTables } from './projector-writes';

type Histograms = Map<string, number[]>;

const byBucket = (items: Record<string, unknown>[]): Histograms =>
  new Map(
    items.map((item) => {
      const counter = counterOf(item);
      return [bucketKey(counter.granularity, counter.bucket), counter.scores];
    }),
  );

export const readBuckets =
  ({ client, table }: ProjectionTables): ProjectionStore['readBuckets'] =>
  async (generation, segment, buckets) => {
    const keys = buckets.map(({ granularity, bucket }) => projectionKeys.counter(generation, segment, granularity, bucket));
    const found = byBucket(await batchGetAll(client, { table, keys }));
    return { value: found, itemsRead: found.size };
  };

export const readBucketRange =
  ({ client, table }: ProjectionTables): ProjectionStore['readBucketRange'] =>
  async ({ generation, segment, granularity, from, to }) => {
    const items = await queryAll(client, {
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': projectionKeys.counter(generation, segment, granularity, '').pk, ':from': from, ':to': to },
    });
    const found = byBucket(items);
    return { value: found, itemsRead: found.size };
  };

export const readCatalog =
  ({ client, table }: ProjectionTables): ProjectionStore['readCatalog'] =>
  async (generation) => {
    const items = await queryAll(client, {
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': projectionKeys.catalog(generation, '').pk },
    });
    return { value: Object.fromEntries(items.map(catalogEntryOf)), itemsRead: items.length };
  };
