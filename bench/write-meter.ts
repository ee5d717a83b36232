import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** DynamoDB write requests and the items they wrote, counted on the client. */
export interface WriteMeter {
  requests: number;
  items: number;
  /** Items inside transactions: real DynamoDB bills them twice (DynamoDB Local reports them once). */
  transactionalItems: number;
}

const ITEMS_OF: Record<string, (input: Record<string, any>) => number> = {
  PutItemCommand: () => 1,
  UpdateItemCommand: () => 1,
  DeleteItemCommand: () => 1,
  TransactWriteItemsCommand: (input) => (input.TransactItems as { ConditionCheck?: unknown }[]).filter((item) => !item.ConditionCheck).length,
  BatchWriteItemCommand: (input) => Object.values(input.RequestItems as Record<string, unknown[]>).reduce((sum, list) => sum + list.length, 0),
};

/**
 * Counts every write request a client sends and the items it writes (condition checks
 * excluded), by a middleware on the client's stack.
 *
 * @example
 * const meter = meterWrites(client);
 * await projectBatch(records, deps);
 * console.log(meter.items / records.length); // items per event
 */
export const meterWrites = (client: DynamoDBDocumentClient): WriteMeter => {
  const meter: WriteMeter = { requests: 0, items: 0, transactionalItems: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const items = ITEMS_OF[context.commandName as string]?.(args.input as Record<string, any>);
      if (items !== undefined) {
        meter.requests++;
        meter.items += items;
        if (context.commandName === 'TransactWriteItemsCommand') meter.transactionalItems += items;
      }
      return next(args);
    },
    { step: 'initialize', name: 'nps-write-meter' },
  );
  return meter;
};
