import { type Analysis, createAnalyzer } from '../../domain/analysis/analyze';
import { type Baseline, loadBaselines } from './baselines';
import type { EvalItem } from './eval-data';
import { LABELLED_THEMES } from './eval-data';
import { macroF1, type ThemeLabels, themeScores } from './metrics';
import { naiveThemes } from './naive-themes';

const BINARY = ['positive', 'negative'] as const;
const THREE = ['positive', 'negative', 'neutral'] as const;

/** A score's binary decision: its sign (0 decides nothing and counts as a miss, for every system alike). */
const binary = (score: number) => (score > 0 ? 'positive' : score < 0 ? 'negative' : 'none');
const threeOf = (score: number, band: number) => (score > band ? 'positive' : score < -band ? 'negative' : 'neutral');

export interface SystemFigures {
  binaryF1: number;
  threeClassF1: number | undefined;
}

export interface FileFigures {
  file: string;
  items: number;
  ours: SystemFigures & { language: number; themes?: ReturnType<typeof themeScores> };
  baselines: (SystemFigures & { name: string })[];
  naiveThemes?: ReturnType<typeof themeScores>;
}

const sentimentFigures = (items: EvalItem[], scores: number[], band: number): SystemFigures => {
  const labelled = items.map((item, i) => ({ gold: item.sentiment ?? '', score: scores[i]! }));
  const twoWay = labelled.filter((l) => l.gold === 'positive' || l.gold === 'negative');
  const threeWay = labelled.filter((l) => (THREE as readonly string[]).includes(l.gold));
  return {
    binaryF1: macroF1(
      twoWay.map((l) => ({ gold: l.gold, predicted: binary(l.score) })),
      BINARY,
    ),
    threeClassF1: threeWay.some((l) => l.gold === 'neutral')
      ? macroF1(
          threeWay.map((l) => ({ gold: l.gold, predicted: threeOf(l.score, band) })),
          THREE,
        )
      : undefined,
  };
};

const ourThree = (analysis: Analysis) => (analysis.sentiment.label === 'mixed' ? 'neutral' : analysis.sentiment.label);

const labelsOf = (analysis: Analysis): ThemeLabels =>
  Object.fromEntries(analysis.themes.map((t) => [t.theme, t.sentiment]));

/** Every figure of one labelled file: ours, each applicable baseline, and the naive theme matcher. */
const figuresOf = async (file: string, items: EvalItem[], baselines: Baseline[]): Promise<FileFigures> => {
  const analyze = createAnalyzer();
  const analyses = items.map((item) => analyze(item.text));
  const ours = sentimentFigures(
    items,
    analyses.map((a) => a.sentiment.score),
    0.05,
  );
  const threeWay = items.map((item, i) => ({ gold: item.sentiment ?? '', predicted: ourThree(analyses[i]!) }));
  const hasNeutral = items.some((item) => item.sentiment === 'neutral');
  const language = analyses.filter((a, i) => a.language === items[i]!.lang).length / items.length;
  const themed = items.map((item, i) => ({ item, analysis: analyses[i]! })).filter(({ item }) => item.themes);
  const results: FileFigures = {
    file,
    items: items.length,
    ours: {
      ...ours,
      threeClassF1: hasNeutral
        ? macroF1(
            threeWay.filter((p) => (THREE as readonly string[]).includes(p.gold)),
            THREE,
          )
        : undefined,
      language,
      themes: themeScores(
        themed.map(({ item, analysis }) => ({ gold: item.themes!, predicted: labelsOf(analysis) })),
        LABELLED_THEMES,
      ),
    },
    baselines: [],
  };
  const lang = items[0]!.lang;
  for (const baseline of baselines.filter((b) => b.languages.includes(lang))) {
    const scores = await Promise.all(items.map((item) => baseline.score(item.text, item.lang)));
    results.baselines.push({
      name: baseline.name,
      ...sentimentFigures(items, scores, baseline.name === 'vader-sentiment' ? 0.05 : 0),
    });
    if (baseline.name === 'nlp.js') {
      results.naiveThemes = themeScores(
        themed.map(({ item }, i) => ({
          gold: item.themes!,
          predicted: Object.fromEntries(naiveThemes(item.text, item.lang).map((t) => [t, threeOf(scores[i]!, 0)])),
        })),
        LABELLED_THEMES,
      );
    }
  }
  return results;
};

/** The accuracy figures of every labelled file. */
export const measureAccuracy = async (files: Map<string, EvalItem[]>): Promise<FileFigures[]> => {
  const baselines = await loadBaselines();
  const figures: FileFigures[] = [];
  for (const [file, items] of files) figures.push(await figuresOf(file, items, baselines));
  return figures;
};
