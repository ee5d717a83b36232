import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { guardDependency, queryAll, writeAtomically } from '../dynamodb';
import { episodeOf, versionCondition } from '../dynamodb-projection-store/items';
import { projectionKeys } from '../dynamodb-projection-store/keys';
import type { AlertEntry } from '../outbox';
import { ALERT_LOG_TTL_SECONDS, alertTransitionSchema, transitionOf } from './alert-log';
import type { AlertLog, AlertStore, Episode } from './alert-store';

/** The alert log's partition (in the projections table): one item per transition, sorted by time. */
const LOG_PK = 'alert-log';

const logItem = (entry: AlertEntry) => ({
  pk: LOG_PK,
  sk: `${entry.occurredAt}#${entry.id}`,
  ...transitionOf(entry),
  expiresAt: Math.floor(Date.parse(entry.occurredAt) / 1000) + ALERT_LOG_TTL_SECONDS,
});

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
    const state = {
      ...projectionKeys.episode(next.segment),
      open: next.open,
      alertId: next.alertId,
      version: next.version,
    };
    const outcome = await writeAtomically(client, [
      { Put: { TableName: table, Item: state, ...versionCondition('version', episode.version) } },
      { Put: { TableName: outboxTable, Item: entry, ConditionExpression: 'attribute_not_exists(id)' } },
      { Put: { TableName: table, Item: logItem(entry) } },
    ]);
    return outcome.written;
  },
});

/**
 * The alert log on DynamoDB (the query API's read side of alerts).
 *
 * @example
 * const transitions = await createDynamoDbAlertLog({ client, table: 'Projections' }).recentTransitions(100);
 */
export const createDynamoDbAlertLog = ({
  client,
  table,
}: {
  client: DynamoDBDocumentClient;
  table: string;
}): AlertLog => ({
  recentTransitions: async (limit) => {
    const read = await guardDependency(() =>
      client.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': LOG_PK },
          ScanIndexForward: false,
          Limit: limit,
        }),
      ),
    );
    return (read.Items ?? []).map((item) => alertTransitionSchema.parse(item));
  },
});
