import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { toLambdaRecord } from '../../infra/local/lambda-records';

const local = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

/**
 * Every record currently in a table's DynamoDB Stream, read with the real Streams API
 * and shaped as Lambda delivers them (shard by shard, in order).
 */
export const readStreamRecords = async (endpoint: string, table: string): Promise<DynamoDBRecord[]> => {
  const dynamo = new DynamoDBClient(local(endpoint));
  const streams = new DynamoDBStreamsClient(local(endpoint));
  const streamArn = (await dynamo.send(new DescribeTableCommand({ TableName: table }))).Table!.LatestStreamArn!;
  const shards = (await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription!.Shards!;
  const records: DynamoDBRecord[] = [];
  for (const shard of shards) {
    let iterator = (
      await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shard.ShardId!,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      )
    ).ShardIterator;
    while (iterator) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      for (const record of page.Records ?? []) {
        records.push(toLambdaRecord(record, streamArn));
      }
      if (!page.Records?.length) break;
      iterator = page.NextShardIterator;
    }
  }
  dynamo.destroy();
  streams.destroy();
  return records;
};
