import { syntheticSeries } from '../../test/support/forecast-series';
import { backtestFamilies, backtestStored, TARGETS } from '../forecast/backtests';
import { measureQuery, type Stage, type SummaryRow, save, submitInBatches, withStack } from '../harness';

const DAY_MS = 86_400_000;
const WEEKS = 104;
const f1 = (value: number) => value.toFixed(1);

/**
 * 104 weeks of one synthetic step-change series (about 80 responses a week) submitted, backdated, as segment
 * plan:stored.
 */
const seedStored = async (url: string, now: number) => {
  const { buckets } = syntheticSeries('step', 1310);
  const firstWeek = now - WEEKS * 7 * DAY_MS;
  const responses = buckets.flatMap((week, w) =>
    Array.from({ length: week.responses }, (_, i) => ({
      responseId: `fc-${w}-${i}`,
      score: i < week.promoters ? 10 : i < week.promoters + week.detractors ? 3 : 8,
      submittedAt: new Date(firstWeek + w * 7 * DAY_MS + ((i * 7919) % (7 * 24)) * 3_600_000).toISOString(),
      segments: { plan: 'stored' },
    })),
  );
  await submitInBatches(url, responses);
  return responses.length;
};

/**
 * The forecast (issue 13): the rolling-origin backtest on the synthetic families beside the
 * naive last-value forecast, the same on a segment stored in the local stack, and the cost
 * of `/v1/nps/forecast` over 52 weeks.
 */
export const forecastStage: Stage = {
  name: 'forecast',
  run: async () => {
    const families = backtestFamilies();
    const stored = await withStack({}, async (stack) => {
      const now = Date.now();
      const responses = await seedStored(stack.url, now);
      await stack.settled();
      const to = new Date(now).toISOString().slice(0, 10);
      const from = new Date(now - (WEEKS * 7 - 1) * DAY_MS).toISOString().slice(0, 10);
      return {
        responses,
        backtest: await backtestStored({ api: stack.url, segment: 'plan:stored', from, to }),
        query: await measureQuery(stack.url, 'forecast, 52 weeks + 8', '/v1/nps/forecast?segment=plan:stored'),
      };
    });
    save('forecast', { families, stored });
    const rows: SummaryRow[] = families.map((r) => {
      const target = TARGETS[r.family].maeGain;
      return [
        `forecast backtest, ${r.family} (${r.series} series × 104 weeks, horizons 1–8, ${r.points} points)`,
        `MAE **${f1(r.mae)}** vs naive ${f1(r.naiveMae)} (**${f1(r.maeGain)}% ` +
          `lower**${target === null ? '' : `, target ≥ ${target}%`}; vs truth ${f1(r.maeVsTruth!)} vs ` +
          `${f1(r.naiveMaeVsTruth!)}); ` +
          `coverage 80% **${f1(r.coverage80)}**, 95% **${f1(r.coverage95)}** (targets 75–85, 90–100) ` +
          `${r.meetsTargets ? '✓' : '✗ MISSED'}`,
      ];
    });
    const s = stored.backtest;
    rows.push(
      [
        `forecast backtest on a stored segment (${stored.responses} responses, ${s.weeks} weeks, ${s.points} points)`,
        `MAE **${f1(s.mae)}** vs naive ${f1(s.naiveMae)} (${f1(s.maeGain)}% lower); coverage 80% ` +
          `${f1(s.coverage80)}, 95% ${f1(s.coverage95)}`,
      ],
      [
        '/v1/nps/forecast, 52 weeks + 8',
        `${stored.query.itemsRead} items read (target ≤ 60), p50 **${f1(stored.query.latencyMs.p50)} ms** (target < ` +
          `50), p95 ${f1(stored.query.latencyMs.p95)} ms`,
      ],
    );
    return rows;
  },
};
