import type { StoredEvent } from '../../domain/events';
import { foldResponse } from '../../domain/response';
import { categoryOf } from '../../domain/score';
import { listedOf } from '../../functions/projections/responses/item';
import { historyPersonalData } from './event-history';
import { referenceLoopStatus } from './loop-counts-reference';
import type { MemoryState } from './memory-projection-store';

/**
 * What the response index must hold after a history, one line per document, written from
 * the events and the personal data alone (not through the projection): where each live
 * response is (month, category, sort key) with its version, score, comment, respondent and
 * the analysis it shows; a tombstone per erased one.
 */
export const expectedIndex = (streams: ReadonlyMap<string, StoredEvent[]>): string[] =>
  [...streams.values()]
    .map((stream) => {
      const state = foldResponse(stream)!;
      if (state.status === 'erased') return `erased ${state.responseId}`;
      const data = historyPersonalData(stream);
      const comment = state.commentVersion !== undefined ? data.comments[state.commentVersion] : undefined;
      const analysis = state.commentVersion !== undefined ? data.analyses[state.commentVersion] : undefined;
      const where = `${state.submittedAt.slice(0, 7)}#${categoryOf(state.score)} ${state.submittedAt}#${state.responseId}`;
      const followUps = stream.flatMap((e) => (e.type === 'FollowUpRecorded' ? [e.data] : []));
      const loop = referenceLoopStatus(state.score, followUps);
      return line(where, { ...state, comment, language: analysis?.language, respondentId: data.respondentId, loop });
    })
    .sort();

const line = (
  where: string,
  r: { version?: number; score?: number; comment?: string; language?: string; respondentId?: string; loop?: string },
) =>
  `${where} v${r.version} s${r.score} ${r.loop} ${r.respondentId ?? '-'} ${r.language ?? '-'} ` +
  JSON.stringify(r.comment ?? null);

/** The same lines from what an in-memory store holds in its index (generation 1). */
export const storedIndex = (state: MemoryState): string[] =>
  [...state.partitions]
    .filter(([key]) => key.startsWith('1|response|'))
    .flatMap(([key, items]) =>
      [...items].flatMap(([sort, item]) => {
        if (!('document' in item)) return [];
        const listed = listedOf(item.document.attributes);
        const partition = key.slice('1|response|'.length);
        if (listed.status === 'erased') return [`erased ${listed.responseId}`];
        const shown = { ...listed, language: listed.analysis?.language, loop: listed.loop?.status };
        return [line(`${partition} ${sort}`, shown)];
      }),
    )
    .sort();
