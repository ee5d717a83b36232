/** Precision, recall and F1 from counts (0 when undefined). */
export const prf = ({ tp, fp, fn }: { tp: number; fp: number; fn: number }) => {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
};

/** Macro-F1 over the given classes of gold/predicted labels (a prediction outside the classes is a miss). */
export const macroF1 = (pairs: { gold: string; predicted: string }[], classes: readonly string[]): number => {
  const f1s = classes.map((label) =>
    prf({
      tp: pairs.filter((p) => p.gold === label && p.predicted === label).length,
      fp: pairs.filter((p) => p.gold !== label && p.predicted === label).length,
      fn: pairs.filter((p) => p.gold === label && p.predicted !== label).length,
    }),
  );
  return f1s.reduce((sum, { f1 }) => sum + f1, 0) / classes.length;
};

type Counts = { tp: number; fp: number; fn: number };

export type ThemeLabels = Record<string, string>;

const tally = (counts: Counts, gold: boolean, predicted: boolean) => {
  if (gold && predicted) counts.tp++;
  else if (predicted) counts.fp++;
  else if (gold) counts.fn++;
};

/** A (theme, polarity) pair is right only when both are: a wrong polarity is a false positive and a false negative. */
const tallyPair = (counts: Counts, gold: string | undefined, predicted: string | undefined) => {
  if (gold && gold === predicted) {
    counts.tp++;
    return;
  }
  if (predicted) counts.fp++;
  if (gold) counts.fn++;
};

const sum = (counts: Counts[]): Counts =>
  counts.reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });

/** Presence scores per theme and overall (micro), and (theme, polarity) micro scores. */
export const themeScores = (items: { gold: ThemeLabels; predicted: ThemeLabels }[], themes: readonly string[]) => {
  const per = Object.fromEntries(themes.map((theme) => [theme, { tp: 0, fp: 0, fn: 0 }]));
  const pairs = { tp: 0, fp: 0, fn: 0 };
  for (const { gold, predicted } of items) {
    for (const theme of themes) {
      tally(per[theme]!, Boolean(gold[theme]), Boolean(predicted[theme]));
      tallyPair(pairs, gold[theme], predicted[theme]);
    }
  }
  return {
    perTheme: Object.fromEntries(Object.entries(per).map(([theme, counts]) => [theme, prf(counts)])),
    micro: prf(sum(Object.values(per))),
    withPolarity: prf(pairs),
  };
};
