import { parseArgs } from 'node:util';
import { backtestStored } from '../bench/forecast/backtests';
import { addDays, dayOfInstant } from '../domain/time';

/**
 * `npm run forecast:backtest -- --segment region:eu [--api http://localhost:3000] [--from] [--to]`:
 * the forecast's rolling-origin backtest on a segment's stored weekly series (default: the
 * last 104 weeks), read from a running local stack (NPS_API_TOKEN is sent when set).
 * Prints MAE beside the naive last-value forecast and the coverage of both intervals.
 */
const main = async () => {
  const { values } = parseArgs({
    options: {
      api: { type: 'string', default: 'http://localhost:3000' },
      segment: { type: 'string', default: 'all' },
      from: { type: 'string' },
      to: { type: 'string' },
    },
  });
  const to = values.to ?? dayOfInstant(Date.now());
  const from = values.from ?? addDays(to, -7 * 104 + 1);
  const token = process.env.NPS_API_TOKEN;
  const result = await backtestStored({
    api: values.api,
    segment: values.segment,
    from,
    to,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const f = (value: number) => value.toFixed(1);
  console.log(
    `${result.segment}, ${result.weeks} weeks ${from}..${to}: ${result.points} forecast points (horizons 1–8); ` +
      `MAE ${f(result.mae)} vs naive ${f(result.naiveMae)} (${f(result.maeGain)}% lower); coverage 80% ` +
      `${f(result.coverage80)}, 95% ${f(result.coverage95)}`,
  );
};

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
