import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetAll, guardDependency, queryAll } from '../dynamodb';
import type { RespondentReads } from '../projection-store';
import type { ProjectionTables } from './projector-writes';
import { RESPONDENT_INDEX, respondentKeys, viewOf } from './respondent-items';

/** Numeric attributes of an aggregate item (its counts). */
const countsOf = (item: Record<string, unknown>): Record<string, number> =>
  Object.fromEntries(Object.entries(item).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));

/** The read side of respondent views and their aggregates on DynamoDB. */
export const respondentReads = ({ client, table }: ProjectionTables): RespondentReads => ({
  readView: async (generation, key) => {
    const [item] = await batchGetAll(client, { table, keys: [respondentKeys.view(generation, key)] });
    return { value: item ? viewOf(item) : undefined, itemsRead: item ? 1 : 0 };
  },

  listViews: async (generation, { after, limit, newestFirst = false }) => {
    const result = await guardDependency(() =>
      client.send(
        new QueryCommand({
          TableName: table,
          IndexName: RESPONDENT_INDEX,
          KeyConditionExpression: after === undefined ? 'lpk = :lpk' : `lpk = :lpk AND lsk ${newestFirst ? '<' : '>'} :after`,
          ScanIndexForward: !newestFirst,
          ExpressionAttributeValues: {
            ':lpk': respondentKeys.listPartition(generation),
            ...(after !== undefined ? { ':after': after } : {}),
          },
          Limit: limit,
        }),
      ),
    );
    const items = result.Items ?? [];
    const views = items.map((item) => ({ ...viewOf(item), position: String(item.lsk) }));
    return { value: { views, exhausted: !result.LastEvaluatedKey }, itemsRead: items.length };
  },

  readAggregates: async (generation, sks) => {
    const items = await batchGetAll(client, { table, keys: sks.map((sk) => respondentKeys.aggregate(generation, sk)) });
    return { value: items.map(countsOf), itemsRead: items.length };
  },

  readMonthAggregates: async (generation) => {
    const items = await queryAll(client, {
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :month)',
      ExpressionAttributeValues: { ':pk': respondentKeys.aggregate(generation, '').pk, ':month': 'm|' },
    });
    return { value: items.map(countsOf), itemsRead: items.length };
  },
});
