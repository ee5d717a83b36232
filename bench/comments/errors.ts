import { createAnalyzer } from '../../domain/analysis/analyze';
import { loadEvalFiles } from './eval-data';

const [file, kind, filter] = process.argv.slice(2);
const analyze = createAnalyzer();
const items = loadEvalFiles().get(file!)!;
let n = 0;
for (const item of items) {
  const a = analyze(item.text);
  let show = false;
  if (kind === 'lang') show = a.language !== item.lang;
  if (kind === 'zero') show = (item.sentiment === 'positive' || item.sentiment === 'negative') && a.sentiment.score === 0;
  if (kind === 'wrong')
    show = (item.sentiment === 'positive' && a.sentiment.score < 0) || (item.sentiment === 'negative' && a.sentiment.score > 0);
  const got = Object.fromEntries(
    a.themes.filter((t) => ['price', 'service', 'quality'].includes(t.theme)).map((t) => [t.theme, t.sentiment]),
  );
  if (kind === 'fn') show = Object.keys(item.themes ?? {}).some((t) => (!filter || t === filter) && !got[t]);
  if (kind === 'fp') show = Object.keys(got).some((t) => (!filter || t === filter) && !item.themes?.[t]);
  if (kind === 'pol') show = Object.keys(got).some((t) => item.themes?.[t] && item.themes[t] !== got[t]);
  if (show && n++ < 60)
    console.log(
      item.sentiment,
      JSON.stringify(item.themes),
      '|',
      item.text.slice(0, 200),
      '=>',
      a.language,
      a.sentiment.score,
      JSON.stringify(a.themes.map((t) => [t.theme, t.sentiment, t.matches.join('+')])),
    );
}
console.log('count', n);
