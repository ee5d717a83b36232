import { batchGetAll, queryAll } from '../dynamodb';
import { bucketKey, type Counter, type ProjectionStore } from '../projection-store';
import { catalogEntryOf, counterOf, projectionKeys } from './items';
import type { ProjectionTables } from './projector-writes';
import { termItemOf, termKeys } from './term-items';

const byBucket = (items: Record<string, unknown>[]): Map<string, Counter> =>
  new Map(
    items.map((item) => {
      const { granularity, bucket, scores, tallies } = counterOf(item);
      return [bucketKey(granularity, bucket), { scores, tallies }];
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

export const readTerms =
  ({ client, table }: ProjectionTables): ProjectionStore['readTerms'] =>
  async (generation, segment, fromMonth, toMonth) => {
    const items = await queryAll(client, {
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': termKeys.item(generation, segment, '').pk, ':from': fromMonth, ':to': toMonth },
    });
    return { value: items.map((item) => termItemOf(item).terms), itemsRead: items.length };
  };
