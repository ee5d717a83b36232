import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { guardDependency, queryAll, writeAtomically } from '../dynamodb';
import { episodeOf, projectionKeys, versionCondition } from '../dynamodb-projection-store/items';
import type { AlertStore, Episode } from './alert-store';

const toEpisode = (segment: string, item: Record<string, unknown> | undefined): Episode => {
  if (!item) return { segment, open: false, version: 0 };
  const { open, version, alertId } = episodeOf(item);
  return { segment, open, version, ...(alertId ? { alertId } : {}) };
};

/**
 * Episode states on DynamoDB: one item per segment in the projections table, each
 * transition conditioned on its version and written in the same transaction as its
 * outbox entry.
 *
 * @example
 * const alerts = createDynamoDbAlertStore({ client, table: 'Projections', outboxTable: 'Outbox' });
 */
export const createDynamoDbAlertStore = ({
  client,
  table,
  outboxTable,
}: {
  client: DynamoDBDocumentClient;
  table: string;
  outboxTable: string;
}): AlertStore => ({
  readEpisode: async (segment) => {
    const read = await guardDependency(() =>
      client.send(new GetCommand({ TableName: table, Key: projectionKeys.episode(segment), ConsistentRead: true })),
    );
    return toEpisode(segment, read.Item);
  },
  listOpenEpisodes: async () => {
    const items = await queryAll(client, {
      TableName: table,
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: '#open = :true',
      ExpressionAttributeNames: { '#open': 'open' },
      ExpressionAttributeValues: { ':pk': projectionKeys.episode('').pk, ':true': true },
    });
    return items.map((item) => toEpisode(String(item.sk), item));
  },
  transition: async ({ episode, next, entry }) => {
    const state = { ...projectionKeys.episode(next.segment), open: next.open, alertId: next.alertId, version: next.version };
    const outcome = await writeAtomically(client, [
      { Put: { TableName: table, Item: state, ...versionCondition('version', episode.version) } },
      { Put: { TableName: outboxTable, Item: entry, ConditionExpression: 'attribute_not_exists(id)' } },
    ]);
    return outcome.written;
  },
});
