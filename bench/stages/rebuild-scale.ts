import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { freePort } from '../../infra/local/ports';
import { requestRebuild } from '../../infra/local/rebuild-client';
import { rssMb, startBackend, stopBackend } from '../../test/support/backend-process';
import { log, type Stage, save } from '../harness';
import { type Answers, differingAnswers, npsMismatches, settledAnswers } from './rebuild-scale-answers';
import { DAY_MS, history, liveTraffic, settled, submitAll } from './rebuild-scale-load';
import { watchMemory } from './rebuild-scale-memory';
import { publisherDrained } from './rebuild-scale-quiet';

/** Sizes rebuilt, each on a fresh data directory (REBUILD_SCALE_SIZES, default 50000,200000). */
const SIZES = (process.env.REBUILD_SCALE_SIZES ?? '50000,200000').split(',').map(Number);
/** One size: store, project, snapshot, rebuild under traffic, compare; answers the figures. */
const rebuildAtSize = async (size: number) => {
  const port = await freePort();
  // DynamoDB Local in memory: a few times faster than on disk, and the rebuild's memory is the node process's either
  // way
  const memory = watchMemory();
  const backend = await startBackend(port, undefined, { nodeArgs: ['--trace-gc'], onLine: memory.onLine });
  try {
    return await measure(size, { pid: backend.pid!, memory }, `http://127.0.0.1:${port}`);
  } finally {
    await stopBackend(backend);
  }
};

const measure = async (
  size: number,
  { pid, memory }: { pid: number; memory: ReturnType<typeof watchMemory> },
  url: string,
) => {
  const now = new Date();
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const model = history(size, monthStart);
  const started = performance.now();
  await submitAll(url, model);
  await settled(url, size);
  log(
    `rebuild-scale: ${size} responses stored and projected in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  const drainSeconds = await publisherDrained(url);
  log(`rebuild-scale: the publisher had published the import's events ${drainSeconds.toFixed(0)} s later`);
  const range = {
    from: new Date(monthStart - 731 * DAY_MS).toISOString().slice(0, 10),
    to: new Date(monthStart - DAY_MS).toISOString().slice(0, 10),
  };
  const before: Answers = await settledAnswers(url, range);
  const baselineMb = rssMb(pid);
  const stopTraffic = liveTraffic(url, model);
  const rebuildStarted = performance.now();
  const rebuilt = await memory
    .during(pid, () => requestRebuild(url))
    .catch(async (error: unknown) => {
      await stopTraffic().catch(() => undefined);
      throw error;
    });
  const [{ result, peakMb, heapPeakMb }, liveRetries] = [rebuilt, await stopTraffic()];
  const seconds = (performance.now() - rebuildStarted) / 1000;
  await settled(url, model.length);
  const after = await settledAnswers(url, range);
  const wrong = [...differingAnswers(before, after), ...(await npsMismatches(url, model))];
  if (process.env.REBUILD_SCALE_DIFF) {
    const first = [...before.byPath].filter(([path, answer]) => after.byPath.get(path) !== answer).slice(0, 4);
    writeFileSync(
      process.env.REBUILD_SCALE_DIFF,
      JSON.stringify(
        first.map(([path, answer]) => ({ path, before: answer, after: after.byPath.get(path) })),
        null,
        1,
      ),
    );
  }
  return {
    size,
    seconds,
    rate: result.responses / seconds,
    drainSeconds,
    baselineMb,
    peakMb,
    heapPeakMb,
    result,
    live: model.length - size,
    liveRetries,
    answers: after.count,
    wrong,
  };
};

/** How much the largest of some peaks exceeds the smallest, and how to show it. */
const growthAcross = (peaks: number[]) => {
  const growth = Math.max(...peaks) / Math.min(...peaks) - 1;
  return { growth, shown: peaks.length > 1 ? `${(100 * growth).toFixed(1)}%` : 'one size only' };
};

/** Runs of the sizes not asked for this time, kept from the last results (each with when it was measured). */
const earlierRuns = (): (Awaited<ReturnType<typeof rebuildAtSize>> & { measuredAt: string })[] => {
  const file = new URL('../results/rebuild-scale.json', import.meta.url);
  if (!existsSync(file)) return [];
  const saved = JSON.parse(readFileSync(file, 'utf8')) as {
    measuredAt: string;
    runs: { size: number; measuredAt?: string }[];
  };
  return saved.runs
    .filter((run) => !SIZES.includes(run.size))
    .map(
      (run) =>
        ({ measuredAt: saved.measuredAt, ...run }) as Awaited<ReturnType<typeof rebuildAtSize>> & {
          measuredAt: string;
        },
    );
};

/**
 * `npm run bench -- rebuild-scale` (not in the default run: about 80 minutes here): the
 * local rebuild (4 segment workers in the backend's process) of 50,000 and 200,000
 * backdated responses while live responses keep arriving, started once the publisher has
 * published what the import left it (so that both sizes measure the rebuild beside the same
 * work, the live traffic, and not beside a backlog of one size). Every query answer over the
 * backdated range must equal its answer before the rebuild, and every segment's counts
 * over everything must equal an independent count of the responses. The backend's memory
 * during the rebuild is reported per size: the largest heap a full GC left (its live data,
 * which must stay within 20% across sizes) and the peak RSS (printed: V8 keeps the room for
 * garbage it grew while the history was stored, so the RSS tells more of the import than of
 * the rebuild). Runs of sizes not asked for this time are kept from the last results, e.g.
 * `REBUILD_SCALE_SIZES=200000`.
 */
export const rebuildScaleStage: Stage = {
  name: 'rebuild-scale',
  optIn: true,
  run: async () => {
    const runs = earlierRuns();
    for (const size of SIZES) {
      runs.push({ measuredAt: new Date().toISOString(), ...(await rebuildAtSize(size)) });
      save('rebuild-scale', { runs }); // after each size: a longer one that fails leaves the shorter ones' figures
      log(`rebuild-scale: ${JSON.stringify({ ...runs.at(-1), result: undefined })}`);
    }
    const wrong = runs.flatMap((r) => r.wrong.map((w) => `${r.size}: ${w}`));
    if (wrong.length)
      throw new Error(`rebuild-scale: ${wrong.length} answers differ, e.g. ${wrong.slice(0, 3).join('; ')}`);
    const rss = growthAcross(runs.map((r) => r.peakMb));
    const heap = runs.every((r) => r.heapPeakMb) ? growthAcross(runs.map((r) => r.heapPeakMb!)) : undefined;
    const judged = heap ?? rss;
    if (judged.growth > 0.2)
      throw new Error(`rebuild-scale: peak ${heap ? 'heap' : 'RSS'} grew ${judged.shown} across sizes`);
    return [
      ...runs.map((r): [string, string] => [
        `local rebuild of ${r.size} responses, 4 segments, ${r.live} live responses meanwhile ` +
          `(${r.liveRetries ?? 'uncounted'} sent again after a 503)`,
        `${r.seconds.toFixed(0)} s (${r.rate.toFixed(0)} responses/s); ${r.answers} answers equal, 0 differ; ` +
          `heap after full GC at most ${r.heapPeakMb?.toFixed(0) ?? '(not measured)'} MB; backend RSS ` +
          `${r.baselineMb.toFixed(0)} MB before, peak ${r.peakMb.toFixed(0)} MB`,
      ]),
      [
        'rebuild peak heap after full GC, largest vs smallest size (goal: within 20%)',
        heap?.shown ?? 'not measured at every size',
      ],
      [
        `rebuild peak RSS, largest vs smallest ` +
          `size${heap ? ' (not judged: V8 keeps the room for garbage it grew while storing)' : ' (goal: within 20%)'}`,
        rss.shown,
      ],
    ];
  },
};
