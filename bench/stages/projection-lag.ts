import { STREAM_MAPPINGS } from '../../infra/mappings';
import { meterWrites, type WriteMeter } from '../../test/support/measure/write-meter';
import { costPerMillion, PRICES_USD } from '../cost';
import { generator, type Stage, type SummaryRow, save, withStack } from '../harness';

/** Memory of each deployed function (GB), for the Lambda compute cost. */
const MEMORY_GB: Record<string, number> = { ingestApi: 0.5, queryApi: 0.5, projector: 1, publisher: 1 };

/** Lambda invocations and GB-seconds per accepted response (the query API left out: reads are not per response). */
const lambdaPerResponse = (invocations: Record<string, { count: number; totalMs: number }>, accepted: number) =>
  Object.entries(invocations)
    .filter(([name]) => name !== 'queryApi')
    .reduce(
      (sum, [name, s]) => ({
        invocations: sum.invocations + s.count / accepted,
        gbSeconds: sum.gbSeconds + ((s.totalMs / 1000) * (MEMORY_GB[name] ?? 1)) / accepted,
      }),
      { invocations: 0, gbSeconds: 0 },
    );

const seconds = (ms: number) => (ms / 1000).toFixed(2);

/**
 * Projection lag under a steady 200 responses/s for 60 s, what each response cost the backend, and the cost per
 * million.
 */
export const projectionLagStage: Stage = {
  name: 'projection-lag',
  run: () => {
    let meter: WriteMeter;
    const instrument = (client: Parameters<typeof meterWrites>[0]) => {
      meter = meterWrites(client);
    };
    return withStack({ instrument }, async (stack) => {
      const steady = await generator('steady', stack.url, '-', '200', '60', 'steady');
      await stack.settled();
      const accepted = steady.accepted as number;
      const perResponse = {
        plainWrites: (meter.items - meter.transactionalItems) / accepted,
        transactionalWrites: meter.transactionalItems / accepted,
        itemsRead: meter.itemsRead / accepted,
        eventsPublished: stack.bus.events().length / accepted,
        lambda: lambdaPerResponse(stack.invocations, accepted),
      };
      const { lagMs, lagFromSendMs, ingestLatencyMs } = steady;
      save('projection-lag', {
        rate: steady.targetRate,
        achievedRate: steady.achievedRate,
        seconds: 60,
        accepted,
        errors: steady.errors,
        statuses: steady.statuses,
        lagMs,
        lagFromSendMs,
        ingestLatencyMs,
        clientConnections: 64,
        projectorMapping: STREAM_MAPPINGS.projector,
        perResponse,
        invocations: stack.invocations,
      });
      const cost = costPerMillion(perResponse);
      save('cost', { prices: PRICES_USD, perResponse, usdPerMillionResponses: cost });
      const rows: SummaryRow[] = [
        [
          'projection lag @ 200/s for 60 s (2xx → visible)',
          `p50 ${seconds(lagMs.p50)} s, p99 ${seconds(lagMs.p99)} s (from sending: p99 ${seconds(lagFromSendMs.p99)} ` +
            `s; achieved ${steady.achievedRate.toFixed(0)}/s, ${steady.errors} errors)`,
        ],
        [
          'ingest latency @ 200/s',
          `p50 ${ingestLatencyMs.p50.toFixed(0)} ms, p99 ${ingestLatencyMs.p99.toFixed(0)} ms`,
        ],
        [
          'cost per million responses',
          `$${cost.total.toFixed(2)} (API ${cost.apiGateway.toFixed(2)}, Lambda ` +
            `${(cost.lambdaRequests + cost.lambdaCompute).toFixed(2)}, DynamoDB ` +
            `${(cost.dynamoDbWrites + cost.dynamoDbReads).toFixed(2)}, EventBridge ${cost.eventBridge.toFixed(2)})`,
        ],
      ];
      return rows;
    });
  },
};
