import { randomUUID } from 'node:crypto';
import { createAnalyzer } from '../../../domain/analysis/analyze';
import type { StoredEvent } from '../../../domain/events';
import { createCounterFold } from '../../../domain/projection';
import { foldResponse } from '../../../domain/response';
import { type ProjectableRecord, projectBatch } from '../../../functions/projection-engine/project-batch';
import type { Projection } from '../../../functions/projection-engine/projection';
import { PROJECTIONS } from '../../../functions/projections';
import { decodeRecord } from '../../../functions/projector/app';
import { createDocumentClient } from '../../../functions/shared/dynamodb';
import { createDynamoDbEventStore } from '../../../functions/shared/dynamodb-event-store';
import { createDynamoDbProjectionStore } from '../../../functions/shared/dynamodb-projection-store';
import { readCounters } from '../items';
import { pickWith, seededRandom } from '../random';
import { readStreamRecords } from '../stream-records';
import { createTablesOn } from '../tables';
import { naiveProjectBatch } from './naive-projector';
import { COMBINATIONS, COMMENTS, DIMENSIONS, NOW } from './workload';
import { meterWrites } from './write-meter';

const foldFromScratch = (events: StoredEvent[]): Map<string, string> => {
  const byResponse = new Map<string, StoredEvent[]>();
  for (const event of events) byResponse.set(event.responseId, [...(byResponse.get(event.responseId) ?? []), event]);
  const fold = createCounterFold(COMBINATIONS);
  for (const stream of byResponse.values()) fold.add(undefined, foldResponse(stream));
  return new Map(fold.deltas().map((d) => [`${d.segment}|${d.granularity}|${d.bucket}`, d.scores.join(',')]));
};

const sameCounters = (a: Map<string, number[]>, b: Map<string, string>) =>
  a.size === b.size && [...a].every(([k, v]) => b.get(k) === v.join(','));

export interface WriteCount {
  requests: number;
  items: number;
  transactionalItems: number;
  itemsPerResponse: number;
  requestsPerResponse: number;
  correct: boolean;
}

export interface WriteEfficiency {
  responses: number;
  events: number;
  batchSize: number;
  coalesced: WriteCount;
  naive: WriteCount;
  /** naive items ÷ coalesced items. */
  ratio: number;
}

/**
 * Live traffic (responses of the last hour, 4 dimensions, 1 combination, 10%
 * amended) written to a real event store; its real stream records projected once by
 * the coalesced projector and once by the naive one, each on its own table, counting
 * every write request and item. Both results are checked against a fold from scratch.
 */
export const measureWriteEfficiency = async ({
  endpoint,
  responses,
  batchSize,
  readModels,
}: {
  endpoint: string;
  responses: number;
  batchSize: number;
  readModels?: readonly Projection[];
}): Promise<WriteEfficiency> =>
  (
    await measureWriteEfficiencies({
      endpoint,
      responses,
      batchSizes: [batchSize],
      ...(readModels ? { readModels } : {}),
    })
  )[0]!;

/** The same for several batch sizes: one event store, the naive projector measured once (it does not batch). */
export const measureWriteEfficiencies = async ({
  endpoint,
  responses,
  batchSizes,
  commentShare = 0,
  respondentShare = 0,
  readModels = PROJECTIONS,
}: {
  endpoint: string;
  responses: number;
  batchSizes: number[];
  /** The read models projected (all of them by default). */
  readModels?: readonly Projection[];
  /** Share of responses submitted with a (French or English) comment, analysed as ingest does. */
  commentShare?: number;
  /**
   * Share of responses submitted with a respondentId (about 3 responses per person), projected into respondent views.
   */
  respondentShare?: number;
}): Promise<WriteEfficiency[]> => {
  const analyzer = createAnalyzer();
  const source = await createTablesOn(endpoint, `wb${randomUUID().slice(0, 8)}-`);
  const client = createDocumentClient({ endpoint, timeoutMs: 10_000 });
  const store = createDynamoDbEventStore({
    client,
    eventsTable: source.events,
    personalDataTable: source.personalData,
  });
  const random = seededRandom(42);
  const pick = pickWith(random);
  const at = new Date(NOW).toISOString();
  const ids: string[] = [];
  const submissionOf = (responseId: string) => {
    const segments = Object.fromEntries(Object.entries(DIMENSIONS).map(([d, values]) => [d, pick(values)]));
    const comment = random() < commentShare ? pick(COMMENTS) : undefined;
    // drawn only when asked for, so that the other workloads stay what they were
    const respondent =
      respondentShare > 0 && random() < respondentShare
        ? { respondentId: `person-${Math.floor(random() * (responses / 3))}` }
        : {};
    const submission = {
      ...respondent,
      responseId,
      score: Math.floor(random() * 11),
      submittedAt: new Date(NOW - Math.floor(random() * 3_600_000)).toISOString(),
      segments,
      ...(comment ? { comment } : {}),
    };
    return { submission, analysis: comment ? analyzer(comment) : undefined };
  };
  for (let i = 0; i < responses; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, responses - i) }, async (_, j) => {
        const responseId = `we-${i + j}`;
        ids.push(responseId);
        const { submission, analysis } = submissionOf(responseId);
        await store.submit(submission, at, analysis);
      }),
    );
  }
  for (const responseId of ids.slice(0, Math.floor(responses / 10))) {
    await store.append({
      responseId,
      expectedVersion: 1,
      event: { type: 'ResponseAmended', schemaVersion: 1, data: { score: 10, commentAmended: false, amendedAt: at } },
      recordedAt: at,
    });
  }
  const records: ProjectableRecord[] = (await readStreamRecords(endpoint, source.events)).map(decodeRecord);
  const expected = foldFromScratch(records.map((r) => r.event));
  const batchesOf = (size: number) =>
    Array.from({ length: Math.ceil(records.length / size) }, (_, i) => records.slice(i * size, (i + 1) * size));
  const summary = (
    meter: { requests: number; items: number; transactionalItems: number },
    correct: boolean,
  ): WriteCount => ({
    requests: meter.requests,
    items: meter.items,
    transactionalItems: meter.transactionalItems,
    itemsPerResponse: meter.items / responses,
    requestsPerResponse: meter.requests / responses,
    correct,
  });

  const naiveTables = await createTablesOn(endpoint, `wb${randomUUID().slice(0, 8)}-`);
  const naiveClient = createDocumentClient({ endpoint, timeoutMs: 10_000 });
  const naiveMeter = meterWrites(naiveClient);
  for (const batch of batchesOf(100))
    await naiveProjectBatch(batch, {
      client: naiveClient,
      table: naiveTables.projections,
      events: store,
      combinations: COMBINATIONS,
    });
  const naive = summary(naiveMeter, sameCounters(await readCounters(endpoint, naiveTables.projections), expected));

  const results: WriteEfficiency[] = [];
  for (const batchSize of batchSizes) {
    const tables = await createTablesOn(endpoint, `wb${randomUUID().slice(0, 8)}-`);
    const client = createDocumentClient({ endpoint, timeoutMs: 10_000 });
    const meter = meterWrites(client);
    const projections = createDynamoDbProjectionStore({
      client,
      table: tables.projections,
      outboxTable: tables.outbox,
    });
    for (const batch of batchesOf(batchSize)) {
      const deps = {
        store: projections,
        projections: readModels,
        events: store,
        combinations: COMBINATIONS,
        analyzer,
        now: Date.now,
      };
      const result = await projectBatch(batch, deps);
      if (result.failedAt) throw new Error(`coalesced projection failed: ${String(result.error)}`);
    }
    const coalesced = summary(meter, sameCounters(await readCounters(endpoint, tables.projections), expected));
    results.push({
      responses,
      events: records.length,
      batchSize,
      coalesced,
      naive,
      ratio: naive.items / coalesced.items,
    });
  }
  return results;
};
