import { createAnalyzer } from '../../domain/analysis/analyze';
import { type FileFigures, measureAccuracy } from '../comments/accuracy';
import { evalDirectory, loadEvalFiles } from '../comments/eval-data';
import { log, type Stage, type SummaryRow, save } from '../harness';

const pct = (value: number | undefined) => (value === undefined ? '–' : (value * 100).toFixed(1));

/** The accuracy table of one file: ours beside every baseline of the same run. */
const rowsOf = (f: FileFigures): SummaryRow[] => {
  const best = f.baselines.reduce((a, b) => (b.binaryF1 > a.binaryF1 ? b : a));
  const margin = (f.ours.binaryF1 - best.binaryF1) * 100;
  const baselines = f.baselines.map((b) => `${b.name} ${pct(b.binaryF1)}`).join(', ');
  const rows: SummaryRow[] = [
    [
      `${f.file} (${f.items}): binary sentiment macro-F1`,
      `**${pct(f.ours.binaryF1)}** vs ${baselines} → **${margin >= 0 ? '+' : ''}${margin.toFixed(1)} points** over the best`,
    ],
    [`${f.file}: language detected`, `${pct(f.ours.language)}%`],
  ];
  if (f.ours.threeClassF1 !== undefined) {
    const three = f.baselines.map((b) => `${b.name} ${pct(b.threeClassF1)}`).join(', ');
    rows.push([`${f.file}: 3-class macro-F1`, `${pct(f.ours.threeClassF1)} vs ${three}`]);
  }
  const themes = f.ours.themes!;
  const perTheme = Object.entries(themes.perTheme)
    .map(([theme, s]) => `${theme} P${pct(s.precision)}/R${pct(s.recall)}/F${pct(s.f1)}`)
    .join(', ');
  rows.push(
    [`${f.file}: theme micro-F1 (${perTheme})`, `**${pct(themes.micro.f1)}** vs naive keywords ${pct(f.naiveThemes?.micro.f1)}`],
    [`${f.file}: (theme, polarity) micro-F1`, `**${pct(themes.withPolarity.f1)}** vs naive ${pct(f.naiveThemes?.withPolarity.f1)}`],
  );
  return rows;
};

/** Comments analysed per second on one core (the texts given, analysed again until 2 s have passed). */
const throughput = (texts: string[]): number => {
  const analyze = createAnalyzer();
  let done = 0;
  const started = performance.now();
  while (performance.now() - started < 2000) {
    for (const text of texts) analyze(text);
    done += texts.length;
  }
  return done / ((performance.now() - started) / 1000);
};

const FALLBACK_TEXTS = [
  "Personnel adorable mais l'attente était beaucoup trop longue, dommage",
  'Great product, but the app keeps crashing and support never answered my emails',
];

/** Accuracy on `../shared/eval/` (when present) beside off-the-shelf baselines, and the analyzer's speed. */
export const commentAccuracyStage: Stage = {
  name: 'comment-accuracy',
  run: async () => {
    const files = loadEvalFiles();
    if (!files.size) log(`no evaluation files in ${evalDirectory()}: accuracy not measured`);
    const figures = await measureAccuracy(files);
    const texts = [...files.values()].flat().map((item) => item.text);
    const perSecond = throughput(texts.length ? texts : FALLBACK_TEXTS);
    save('comment-accuracy', {
      evalDirectoryFound: files.size > 0,
      analyzer: createAnalyzer().version,
      commentsPerSecond: perSecond,
      figures,
    });
    return [
      ...figures.flatMap(rowsOf),
      ['comment analysis speed (one core)', `${Math.round(perSecond).toLocaleString('en')} comments/s (target ≥ 5,000)`],
    ];
  },
};
