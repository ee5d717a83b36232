import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';

type AttributeMap = Record<string, Record<string, unknown>>;

/**
 * An attribute value as Lambda delivers it. `GetRecords` (through the SDK) hands back an
 * empty map `{"M": {}}` as `{}`; Lambda's events keep `{"M": {}}`.
 */
const lambdaValue = (value: Record<string, unknown>): Record<string, unknown> => {
  if (Object.keys(value).length === 0) return { M: {} };
  if (value.M) return { M: lambdaImage(value.M as AttributeMap) };
  if (value.L) return { L: (value.L as Record<string, unknown>[]).map(lambdaValue) };
  return value;
};

/** An item image (Keys, NewImage, OldImage) as Lambda delivers it. */
export const lambdaImage = (image: AttributeMap | undefined): AttributeMap =>
  Object.fromEntries(Object.entries(image ?? {}).map(([name, value]) => [name, lambdaValue(value)])) as AttributeMap;

/**
 * A stream record from `GetRecords`, shaped as the event source mapping hands it to Lambda.
 *
 * @example
 * const records = page.Records.map((record) => toLambdaRecord(record, streamArn));
 */
export const toLambdaRecord = (record: StreamRecord, streamArn: string): DynamoDBRecord => {
  const { Keys, NewImage, OldImage, ...rest } = record.dynamodb ?? {};
  return {
    eventID: record.eventID!,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? 'us-east-1',
    eventSourceARN: streamArn,
    dynamodb: {
      ...(rest as DynamoDBRecord['dynamodb']),
      ...(Keys ? { Keys: lambdaImage(Keys as unknown as AttributeMap) } : {}),
      ...(NewImage ? { NewImage: lambdaImage(NewImage as unknown as AttributeMap) } : {}),
      ...(OldImage ? { OldImage: lambdaImage(OldImage as unknown as AttributeMap) } : {}),
      ApproximateCreationDateTime: Math.floor(
        (record.dynamodb?.ApproximateCreationDateTime?.getTime() ?? Date.now()) / 1000,
      ),
    } as DynamoDBRecord['dynamodb'],
  };
};
