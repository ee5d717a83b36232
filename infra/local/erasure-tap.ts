import type { DynamoDBStreamEvent } from 'aws-lambda';
import { EVENTS_TABLE } from '../tables';

/** Stored event types after which a response's personal data must be gone from everywhere. */
const REMOVING_PERSONAL_DATA = new Set(['ResponseErased']);

/**
 * The responses whose personal data a batch of the event store's stream removes (their
 * `ResponseErased` records): the local stack strips them from its event log too.
 *
 * @example
 * erasedResponseIds(streamEvent); // ['resp-0001']
 */
export const erasedResponseIds = (event: DynamoDBStreamEvent): string[] =>
  event.Records.flatMap((record) => {
    const image = record.dynamodb?.NewImage;
    const id = image?.[EVENTS_TABLE.partitionKey.name]?.S;
    return id !== undefined && REMOVING_PERSONAL_DATA.has(image?.type?.S ?? '') ? [id] : [];
  });

/**
 * The projector as the local stack drives it: first the local event log forgets the
 * personal data of responses the batch erases (a retried batch forgets again, harmlessly),
 * then the same handler as deployed.
 */
export const forgettingErasures =
  <R>(projector: (event: DynamoDBStreamEvent) => Promise<R>, forget: (responseIds: string[]) => void) =>
  (event: DynamoDBStreamEvent): Promise<R> => {
    forget(erasedResponseIds(event));
    return projector(event);
  };
