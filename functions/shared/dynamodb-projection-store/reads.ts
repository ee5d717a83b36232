import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ItemKey } from '../../projection-engine/projection';
import type { ProjectionStore, SortRange, StoredDocument } from '../../projection-engine/store';
import { batchGetAll, guardDependency, queryAll } from '../dynamodb';
import { countsOf, documentOf, setOf } from './items';
import { itemKeyOf, LIST_INDEX, listPartitionOf } from './keys';
import type { ProjectionTables } from './transactions';

const ABSENT: StoredDocument = { version: 0, attributes: {} };

/** Items by key, in the order asked, undefined where absent (one `BatchGetItem` per 100). */
const itemsAt = async (
  { client, table }: ProjectionTables,
  generation: number,
  items: ItemKey[],
  consistentRead?: boolean,
) => {
  const keys = items.map((item) => itemKeyOf(generation, item));
  const found = await batchGetAll(client, { table, keys, ...(consistentRead ? { consistentRead } : {}) });
  const byKey = new Map(found.map((item) => [`${item.pk}\u0000${item.sk}`, item]));
  return { items: keys.map((key) => byKey.get(`${key.pk}\u0000${key.sk}`)), itemsRead: found.length };
};

/** The items of a sort range, in order (all pages). */
const itemsIn = ({ client, table }: ProjectionTables, generation: number, range: SortRange) => {
  const { pk } = itemKeyOf(generation, { model: range.model, partition: range.partition, sort: '' });
  const [condition, values] =
    range.prefix !== undefined
      ? ['AND begins_with(sk, :prefix)', { ':prefix': range.prefix }]
      : range.from !== undefined && range.to !== undefined
        ? ['AND sk BETWEEN :from AND :to', { ':from': range.from, ':to': range.to }]
        : ['', {}];
  return queryAll(client, {
    TableName: table,
    KeyConditionExpression: `pk = :pk ${condition}`.trim(),
    ExpressionAttributeValues: { ':pk': pk, ...values },
  });
};

/** The read verbs of the projection store on DynamoDB. */
export const readOperations = (
  tables: ProjectionTables,
): Pick<
  ProjectionStore,
  | 'readDocuments'
  | 'readCounts'
  | 'readCountRange'
  | 'readSetRange'
  | 'readDocumentRange'
  | 'readDocumentPage'
  | 'listDocuments'
> => ({
  readDocuments: async (generation, items, consistent) => {
    const read = await itemsAt(tables, generation, items, consistent);
    return { value: read.items.map((item) => (item ? documentOf(item) : ABSENT)), itemsRead: read.itemsRead };
  },
  readCounts: async (generation, items) => {
    const read = await itemsAt(tables, generation, items);
    return { value: read.items.map(countsOf), itemsRead: read.itemsRead };
  },
  readCountRange: async (generation, range) => {
    const items = await itemsIn(tables, generation, range);
    return { value: items.map((item) => ({ sort: String(item.sk), counts: countsOf(item) })), itemsRead: items.length };
  },
  readSetRange: async (generation, range) => {
    const items = await itemsIn(tables, generation, range);
    return { value: items.map(setOf), itemsRead: items.length };
  },
  readDocumentRange: async (generation, range) => {
    const items = await itemsIn(tables, generation, range);
    return {
      value: items.map((item) => ({ sort: String(item.sk), document: documentOf(item) })),
      itemsRead: items.length,
    };
  },
  readDocumentPage: async (generation, page) => {
    const { pk } = itemKeyOf(generation, { model: page.model, partition: page.partition, sort: '' });
    const bounds = page.from !== undefined && page.to !== undefined;
    const result = await guardDependency(() =>
      tables.client.send(
        new QueryCommand({
          TableName: tables.table,
          KeyConditionExpression: bounds ? 'pk = :pk AND sk BETWEEN :from AND :to' : 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk, ...(bounds ? { ':from': page.from, ':to': page.to } : {}) },
          ScanIndexForward: !page.descending,
          Limit: page.limit,
          ...(page.after !== undefined ? { ExclusiveStartKey: { pk, sk: page.after } } : {}),
        }),
      ),
    );
    const items = result.Items ?? [];
    const documents = items.map((item) => ({ sort: String(item.sk), document: documentOf(item) }));
    return { value: { documents, more: Boolean(result.LastEvaluatedKey) }, itemsRead: items.length };
  },
  listDocuments: async (generation, model, { after, limit, newestFirst = false }) => {
    const result = await guardDependency(() =>
      tables.client.send(
        new QueryCommand({
          TableName: tables.table,
          IndexName: LIST_INDEX,
          KeyConditionExpression:
            after === undefined ? 'lpk = :lpk' : `lpk = :lpk AND lsk ${newestFirst ? '<' : '>'} :after`,
          ScanIndexForward: !newestFirst,
          ExpressionAttributeValues: {
            ':lpk': listPartitionOf(generation, model),
            ...(after !== undefined ? { ':after': after } : {}),
          },
          Limit: limit,
        }),
      ),
    );
    const items = result.Items ?? [];
    const documents = items.map((item) => ({ listKey: String(item.lsk), document: documentOf(item) }));
    return { value: { documents, exhausted: !result.LastEvaluatedKey }, itemsRead: items.length };
  },
});
