/**
 * `npm run bench [-- stage …]`: the figures users judge the backend by, each measured side
 * by side with its baseline in one run on the local stack (DynamoDB Local), written to
 * bench/results/*.json and printed as one table (bench/results/summary.md). Name stages
 * to run only those (ingest, projection-lag, write-efficiency, query-cost, response-list, cold-start,
 * comment-accuracy, forecast, respondent-risk, rebuild, dashboard; rebuild-scale runs only when named).
 */
import { writeFileSync } from 'node:fs';
import { log, RESULTS, type Stage, type SummaryRow } from './harness';
import { coldStartStage } from './stages/cold-start';
import { commentAccuracyStage } from './stages/comment-accuracy';
import { dashboardStage } from './stages/dashboard';
import { forecastStage } from './stages/forecast';
import { ingestStage } from './stages/ingest';
import { projectionLagStage } from './stages/projection-lag';
import { queryCostStage } from './stages/query-cost';
import { rebuildStage } from './stages/rebuild';
import { rebuildScaleStage } from './stages/rebuild-scale';
import { respondentRiskStage } from './stages/respondent-risk';
import { responseListStage } from './stages/response-list';
import { writeEfficiencyStage } from './stages/write-efficiency';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const STAGES: Stage[] = [
  ingestStage,
  projectionLagStage,
  writeEfficiencyStage,
  queryCostStage,
  responseListStage,
  coldStartStage,
  commentAccuracyStage,
  forecastStage,
  respondentRiskStage,
  rebuildStage,
  dashboardStage,
  rebuildScaleStage,
];

const main = async () => {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !STAGES.some((stage) => stage.name === name));
  if (unknown.length)
    throw new Error(`unknown stage(s) ${unknown.join(', ')}; stages: ${STAGES.map((s) => s.name).join(', ')}`);
  const context = new Map<string, unknown>();
  const rows: SummaryRow[] = [];
  for (const stage of STAGES.filter((s) => (wanted.length ? wanted.includes(s.name) : !s.optIn))) {
    const missing = stage.unavailable?.();
    log(missing ? `${stage.name}: skipped, ${missing}` : stage.name);
    rows.push(...(missing ? [[`${stage.name} (skipped)`, missing] as SummaryRow] : await stage.run(context)));
  }
  const width = Math.max(...rows.map(([figure]) => figure.length));
  console.log(`\n${rows.map(([figure, measured]) => `${figure.padEnd(width)}  ${measured}`).join('\n')}\n`);
  const table =
    `| figure | measured |\n| --- | --- ` +
    `|\n${rows.map(([figure, measured]) => `| ${figure} | ${measured} |`).join('\n')}\n`;
  if (!wanted.length) writeFileSync(new URL('summary.md', RESULTS), table);
  log('done; results in bench/results/');
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
