import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AlertStore, Episode } from '../publisher/alerts';
import { guardDependency } from './dynamodb';
import { transact } from './dynamodb-projection-store';

const ALERTS_PK = 'alerts';

/**
 * Episode states on DynamoDB: one item per segment in the projections table
 * (`pk` 'alerts', `sk` segment), each transition conditioned on its version and written in
 * the same transaction as its outbox entry.
 */
export const createDynamoDbAlertStore = ({
  client,
  table,
  outboxTable,
}: {
  client: DynamoDBDocumentClient;
  table: string;
  outboxTable: string;
}): AlertStore => {
  const episodeOf = (segment: string, item: Record<string, unknown> | undefined): Episode => ({
    segment,
    open: item?.open === true,
    version: Number(item?.version ?? 0),
    ...(item?.alertId ? { alertId: String(item.alertId) } : {}),
  });
  return {
    readEpisode: async (segment) =>
      episodeOf(
        segment,
        (
          await guardDependency(() =>
            client.send(new GetCommand({ TableName: table, Key: { pk: ALERTS_PK, sk: segment }, ConsistentRead: true })),
          )
        ).Item,
      ),
    listOpenEpisodes: async () => {
      const episodes: Episode[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await guardDependency(() =>
          client.send(
            new QueryCommand({
              TableName: table,
              ConsistentRead: true,
              ExclusiveStartKey,
              KeyConditionExpression: 'pk = :pk',
              FilterExpression: '#open = :true',
              ExpressionAttributeNames: { '#open': 'open' },
              ExpressionAttributeValues: { ':pk': ALERTS_PK, ':true': true },
            }),
          ),
        );
        episodes.push(...(page.Items ?? []).map((item) => episodeOf(String(item.sk), item)));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return episodes;
    },
    transition: async (episode, next, entry) => {
      const failed = await transact(client, [
        {
          Put: {
            TableName: table,
            Item: { pk: ALERTS_PK, sk: next.segment, open: next.open, alertId: next.alertId, version: next.version },
            ...(episode.version === 0
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : { ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': episode.version } }),
          },
        },
        { Put: { TableName: outboxTable, Item: entry, ConditionExpression: 'attribute_not_exists(id)' } },
      ]);
      return !failed;
    },
  };
};
