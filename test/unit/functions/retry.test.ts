import { describe, expect, it } from 'vitest';
import { isTransientAwsError } from '../../../functions/shared/aws-errors';
import { cancellationReasons, isConditionFailure } from '../../../functions/shared/dynamodb';
import { backoffDelay, resendRemaining, retry } from '../../../functions/shared/retry';

const sdkError = (name: string, status?: number, extra: object = {}) =>
  Object.assign(new Error(name), { name, $metadata: status === undefined ? {} : { httpStatusCode: status }, ...extra });

describe('retry with jittered backoff', () => {
  const policy = { attempts: 4, baseDelayMs: 10, maxDelayMs: 50 };

  it('resends what a round left over, within the attempts, and answers what is still left', async () => {
    const rounds: number[][] = [];
    const waits: number[] = [];
    const send = async (batch: number[]) => {
      rounds.push(batch);
      return batch.slice(1); // one more accepted per round
    };
    const left = await resendRemaining([1, 2, 3, 4, 5, 6], send, { policy, sleep: async (ms) => void waits.push(ms) });
    expect(rounds).toEqual([
      [1, 2, 3, 4, 5, 6],
      [2, 3, 4, 5, 6],
      [3, 4, 5, 6],
      [4, 5, 6],
    ]);
    expect([left, waits.length]).toEqual([[5, 6], 3]);
    expect(await resendRemaining([1], async () => [], { policy })).toEqual([]);
  });

  it('waits at most min(max, base × 2^retry) before each retry', () => {
    expect([0, 1, 2, 3, 8].map((n) => backoffDelay(n, policy, () => 0.999))).toEqual([
      9.99, 19.98, 39.96, 49.95, 49.95,
    ]);
    expect(backoffDelay(5, policy, () => 0)).toBe(0);
  });

  it('retries retryable errors up to the attempts, then throws what `exhausted` makes of the last one', async () => {
    const waits: number[] = [];
    let calls = 0;
    const failing = retry(
      async () => {
        calls++;
        throw new Error('conflict');
      },
      {
        policy,
        retryable: () => true,
        exhausted: (error) => new Error(`gave up: ${(error as Error).message}`),
        sleep: async (ms) => void waits.push(ms),
      },
    );
    await expect(failing).rejects.toThrow('gave up: conflict');
    expect([calls, waits.length]).toEqual([4, 3]);
  });

  it('answers the first success, and throws a non-retryable error at once', async () => {
    let calls = 0;
    expect(
      await retry(async (attempt) => (attempt < 2 ? Promise.reject(new Error('x')) : 'ok'), {
        policy,
        retryable: () => true,
        sleep: async () => undefined,
      }),
    ).toBe('ok');
    const bug = retry(
      async () => {
        calls++;
        throw new TypeError('bug');
      },
      { policy, retryable: (error) => !(error instanceof TypeError), sleep: async () => undefined },
    );
    await expect(bug).rejects.toBeInstanceOf(TypeError);
    expect(calls).toBe(1);
  });
});

describe('reading AWS failures', () => {
  it('tells transient failures (throttles, 5xx, network, timeouts) from refusals and bugs', () => {
    expect(isTransientAwsError(sdkError('ProvisionedThroughputExceededException', 400))).toBe(true);
    expect(isTransientAwsError(sdkError('InternalServerError', 500))).toBe(true);
    expect(isTransientAwsError(sdkError('SomethingNew', 503))).toBe(true);
    expect(isTransientAwsError(sdkError('ECONNRESET'))).toBe(true);
    expect(isTransientAwsError(sdkError('AccessDeniedException', 400))).toBe(false);
    expect(isTransientAwsError(sdkError('ValidationException', 400))).toBe(false);
    expect(isTransientAwsError(new TypeError('x is undefined'))).toBe(false);
  });

  it('reads the cancellation reason of each item of a cancelled transaction', () => {
    const cancelled = sdkError('TransactionCanceledException', 400, {
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
    });
    expect(cancellationReasons(cancelled)).toEqual(['None', 'ConditionalCheckFailed']);
    expect(isConditionFailure(cancelled)).toBe(true);
    expect(isConditionFailure(sdkError('ConditionalCheckFailedException', 400))).toBe(true);
    expect(cancellationReasons(sdkError('ThrottlingException', 400))).toEqual([]);
  });
});
