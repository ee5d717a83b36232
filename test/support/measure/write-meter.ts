import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** DynamoDB requests and the items they wrote and read, counted on the client. */
export interface WriteMeter {
  requests: number;
  items: number;
  /** Items inside transactions: real DynamoDB bills them twice (DynamoDB Local reports them once). */
  transactionalItems: number;
  /** Read requests (GetItem, Query, Scan, BatchGetItem) and the items they returned. */
  readRequests: number;
  itemsRead: number;
}

const ITEMS_OF: Record<string, (input: Record<string, unknown>) => number> = {
  PutItemCommand: () => 1,
  UpdateItemCommand: () => 1,
  DeleteItemCommand: () => 1,
  TransactWriteItemsCommand: (input) =>
    (input.TransactItems as { ConditionCheck?: unknown }[]).filter((item) => !item.ConditionCheck).length,
  BatchWriteItemCommand: (input) =>
    Object.values(input.RequestItems as Record<string, unknown[]>).reduce((sum, list) => sum + list.length, 0),
};

const READS_OF: Record<
  string,
  (output: { Item?: unknown; Count?: number; Responses?: Record<string, unknown[]> }) => number
> = {
  GetItemCommand: (output) => (output.Item ? 1 : 0),
  QueryCommand: (output) => output.Count ?? 0,
  ScanCommand: (output) => output.Count ?? 0,
  BatchGetItemCommand: (output) => Object.values(output.Responses ?? {}).reduce((sum, list) => sum + list.length, 0),
};

/**
 * Counts every request a client sends: the items written (condition checks excluded)
 * and the items read, by a middleware on the client's stack.
 *
 * @example
 * const meter = meterWrites(client);
 * await projectBatch(records, deps);
 * console.log(meter.items / records.length); // items written per event
 */
export const meterWrites = (client: DynamoDBDocumentClient): WriteMeter => {
  const meter: WriteMeter = { requests: 0, items: 0, transactionalItems: 0, readRequests: 0, itemsRead: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName as string;
      const items = ITEMS_OF[name]?.(args.input as Record<string, unknown>);
      if (items !== undefined) {
        meter.requests++;
        meter.items += items;
        if (name === 'TransactWriteItemsCommand') meter.transactionalItems += items;
      }
      const result = await next(args);
      const read = READS_OF[name]?.(result.output as Parameters<(typeof READS_OF)[string]>[0]);
      if (read !== undefined) {
        meter.readRequests++;
        meter.itemsRead += read;
      }
      return result;
    },
    { step: 'initialize', name: 'nps-write-meter' },
  );
  return meter;
};
