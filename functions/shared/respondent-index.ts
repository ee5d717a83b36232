import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { PERSONAL_DATA_TABLE } from '../../infra/tables';
import { guardDependency, queryAll } from './dynamodb';
import { PERSON_KEY } from './personal-data-items';
import { respondentKeyOf } from './respondent-key';

const [BY_RESPONDENT] = PERSONAL_DATA_TABLE.indexes;
/** How long an erased person is recognised (a retry answers 200, not 404): a hash of the id, no longer. */
const ERASURE_MEMORY_SECONDS = 2 * 86_400;

/**
 * A person's responses, found through the personal data (the `byRespondent` index holds
 * every response whose respondentId is still stored), and the short memory of a person's
 * erasure: an item keyed by a hash of the respondentId (no response id can hold `#`) that
 * expires after two days, so that a retried `DELETE /v1/respondents/{id}` answers 200.
 */
export interface RespondentIndex {
  /** Ids of the responses that still hold this respondentId (eventually consistent: an index). */
  responsesOf(respondentId: string): Promise<string[]>;
  /** Remembers (for two days) that `responses` more responses of this person were erased; answers how many in all. */
  recordErasure(respondentId: string, responses: number, nowMs: number): Promise<number>;
  /** Responses of this person erased, if an erasure is remembered. */
  erasureOf(respondentId: string): Promise<{ responses: number } | undefined>;
}

const erasureKey = (respondentId: string) => ({ [PERSON_KEY]: `#erased-respondent#${respondentKeyOf(respondentId)}` });

export const createDynamoDbRespondentIndex = ({
  client,
  personalDataTable,
}: {
  client: DynamoDBDocumentClient;
  personalDataTable: string;
}): RespondentIndex => ({
  responsesOf: async (respondentId) =>
    (
      await queryAll(client, {
        TableName: personalDataTable,
        IndexName: BY_RESPONDENT.name,
        KeyConditionExpression: '#id = :id',
        ExpressionAttributeNames: { '#id': BY_RESPONDENT.partitionKey.name },
        ExpressionAttributeValues: { ':id': respondentId },
      })
    ).map((item) => String(item[PERSON_KEY])),

  recordErasure: async (respondentId, responses, nowMs) => {
    const { Attributes } = await guardDependency(() =>
      client.send(
        new UpdateCommand({
          TableName: personalDataTable,
          Key: erasureKey(respondentId),
          UpdateExpression: 'ADD responses :n SET expiresAt = :expires',
          ExpressionAttributeValues: { ':n': responses, ':expires': Math.floor(nowMs / 1000) + ERASURE_MEMORY_SECONDS },
          ReturnValues: 'UPDATED_NEW',
        }),
      ),
    );
    return Number(Attributes?.responses ?? responses);
  },

  erasureOf: async (respondentId) => {
    const { Item } = await guardDependency(() =>
      client.send(
        new GetCommand({ TableName: personalDataTable, Key: erasureKey(respondentId), ConsistentRead: true }),
      ),
    );
    return Item ? { responses: Number(Item.responses ?? 0) } : undefined;
  },
});
