/**
 * `npm run analyze:errors -- <file> <kind> [theme]`: the analyzer's mistakes on one
 * evaluation file of ../shared/eval (or NPS_EVAL_DIR), for inspecting and tuning rules
 * and word lists (never for copying the files' words into the project). Kinds:
 * `lang` wrong language, `zero` labelled positive/negative but scored 0, `wrong` opposite
 * sign, `fn` a labelled theme missed, `fp` a theme found that is not labelled, `pol` a
 * theme found with another polarity. Prints the first 60.
 */
import { type Analysis, createAnalyzer } from '../../domain/analysis/analyze';
import { type EvalItem, LABELLED_THEMES, loadEvalFiles } from './eval-data';

type Kind = 'lang' | 'zero' | 'wrong' | 'fn' | 'fp' | 'pol';

const labelledThemes = (analysis: Analysis): Record<string, string> =>
  Object.fromEntries(
    analysis.themes
      .filter((t) => (LABELLED_THEMES as readonly string[]).includes(t.theme))
      .map((t) => [t.theme, t.sentiment]),
  );

const binary = (item: EvalItem) => item.sentiment === 'positive' || item.sentiment === 'negative';

const IS_ERROR: Record<Kind, (item: EvalItem, analysis: Analysis, theme?: string) => boolean> = {
  lang: (item, a) => a.language !== item.lang,
  zero: (item, a) => binary(item) && a.sentiment.score === 0,
  wrong: (item, a) => binary(item) && (item.sentiment === 'positive' ? a.sentiment.score < 0 : a.sentiment.score > 0),
  fn: (item, a, theme) => Object.keys(item.themes ?? {}).some((t) => (!theme || t === theme) && !labelledThemes(a)[t]),
  fp: (item, a, theme) => Object.keys(labelledThemes(a)).some((t) => (!theme || t === theme) && !item.themes?.[t]),
  pol: (item, a) =>
    Object.entries(labelledThemes(a)).some(([t, polarity]) => item.themes?.[t] && item.themes[t] !== polarity),
};

const [file, kind, theme] = process.argv.slice(2) as [string | undefined, Kind | undefined, string | undefined];
const items = file ? loadEvalFiles().get(file) : undefined;
if (!items || !kind || !(kind in IS_ERROR)) {
  console.error(
    `usage: npm run analyze:errors -- <${[...loadEvalFiles().keys()].join('|')}> ` +
      `<${Object.keys(IS_ERROR).join('|')}> [theme]`,
  );
  process.exit(2);
}
const analyze = createAnalyzer();
const errors = items.flatMap((item) => {
  const analysis = analyze(item.text);
  return IS_ERROR[kind](item, analysis, theme) ? [{ item, analysis }] : [];
});
for (const { item, analysis } of errors.slice(0, 60)) {
  const found = analysis.themes.map((t) => `${t.theme}:${t.sentiment}(${t.matches.join('+')})`).join(' ');
  console.log(
    `${item.sentiment ?? '-'} ${JSON.stringify(item.themes ?? {})} | ${item.text.slice(0, 160)}\n   => ` +
      `${analysis.language} ${analysis.sentiment.score} ${found}`,
  );
}
console.log(`${errors.length} of ${items.length}`);
