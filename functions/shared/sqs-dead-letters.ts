import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DeadLetterSink } from './dead-letters';

/**
 * Dead letters as SQS messages: the body is the whole letter (reason, field errors and
 * the original event), the reason also a message attribute for filtering.
 */
export const createSqsDeadLetterSink = (client: SQSClient, queueUrl: string): DeadLetterSink => ({
  send: async (letter) => {
    await client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify(letter),
        MessageAttributes: { reason: { DataType: 'String', StringValue: letter.reason } },
      }),
    );
  },
});
