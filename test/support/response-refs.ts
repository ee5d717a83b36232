import type { StoredEvent } from '../../domain/events';

/**
 * What the outbox must list for a history, once each (sorted `detractor|promoter responseId:version`):
 * every event that made a response a detractor (a submission with 0–6, or an amendment
 * from 7–10 to 0–6) and every promoter submission. Written from the events alone.
 */
export const responseEventRefs = (events: StoredEvent[]): string[] => {
  const scores = new Map<string, number>();
  const refs: string[] = [];
  for (const e of events) {
    const score = scoreSetBy(e);
    if (score === undefined) continue;
    const previous = scores.get(e.responseId);
    scores.set(e.responseId, score);
    refs.push(...refsOf(`${e.responseId}:${e.version}`, previous, score));
  }
  return refs.sort();
};

/** The score an event sets, if any. */
const scoreSetBy = (e: StoredEvent): number | undefined =>
  e.type === 'ResponseSubmitted' ? e.data.score : e.type === 'ResponseAmended' ? e.data.score : undefined;

/** What a move from `previous` (none: a submission) to `score` publishes. */
const refsOf = (ref: string, previous: number | undefined, score: number): string[] => [
  ...(score <= 6 && (previous === undefined || previous >= 7) ? [`detractor ${ref}`] : []),
  ...(score >= 9 && previous === undefined ? [`promoter ${ref}`] : []),
];

/** Detractor and promoter refs listed by outbox chunk entries (duplicates kept), sorted. */
export const outboxResponseRefs = (
  entries: {
    detractors: { responseId: string; version: number }[];
    promoters?: { responseId: string; version: number }[];
  }[],
): string[] =>
  entries
    .flatMap((entry) => [
      ...entry.detractors.map((d) => `detractor ${d.responseId}:${d.version}`),
      ...(entry.promoters ?? []).map((p) => `promoter ${p.responseId}:${p.version}`),
    ])
    .sort();
