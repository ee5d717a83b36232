import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** An SQS queue as the backend uses them: encrypted, TLS only, 14 days' retention. */
export const secureQueue = (scope: Construct, id: string, removalPolicy: RemovalPolicy, deadLetter?: Queue): Queue =>
  new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    removalPolicy,
    ...(deadLetter ? { deadLetterQueue: { queue: deadLetter, maxReceiveCount: 5 } } : {}),
  });
