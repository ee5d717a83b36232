import type { createMemoryProjectionStore } from './memory-projection-store';
import { viewLine } from './respondent-reference';

/** Respondent views and aggregates that differ from the reference's. */
export const respondentDifferences = (
  memory: Pick<ReturnType<typeof createMemoryProjectionStore>, 'views' | 'aggregates'>,
  expected: { views: string[]; aggregates: string[] },
): string[] => {
  const found: string[] = [];
  const views = [...memory.views(1).values()].map((v) => `${v.respondentId} ${viewLine(v.responses)}`).sort();
  if (views.join('\n') !== expected.views.join('\n')) {
    found.push(
      `respondent views differ (${views.length} vs ${expected.views.length}), e.g. ${views.find((v, i) => v !== expected.views[i])}`,
    );
  }
  const aggregates = [...memory.aggregates(1)]
    .flatMap(([item, attributes]) => [...attributes].map(([name, value]) => `${item} ${name} ${value}`))
    .sort();
  if (aggregates.join('\n') !== expected.aggregates.join('\n')) {
    found.push(
      `respondent aggregates differ, e.g. ${aggregates.find((a, i) => a !== expected.aggregates[i]) ?? 'missing lines'}`,
    );
  }
  return found;
};
