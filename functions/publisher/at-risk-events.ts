import { respondentView, type ViewedResponse } from '../../domain/respondents/view';
import type { ProjectionStore } from '../projection-engine/store';
import { riskTalliesOf } from '../projections/respondents/aggregates';
import { readMonthAggregates, readView } from '../projections/respondents/reads';
import { mapLimited } from '../shared/concurrency';
import type { EventStore } from '../shared/event-store';
import type { ChunkEntry } from '../shared/outbox';
import { type PublishableEvent, publishedDetail } from './chunk-events';

/** What deciding at-risk events reads: the respondent views and the risk model, with the threshold. */
export interface AtRiskSources {
  views: ProjectionStore;
  threshold: number;
}

/** Views read at once. */
const READ_CONCURRENCY = 8;

const standing = ({ score, category, submittedAt }: ViewedResponse) => ({ score, category, submittedAt });

/**
 * `RespondentAtRisk` events of a chunk entry (docs/respondents.md): for each promoter or passive
 * response it counted for a respondent, one event when that version is still the
 * response's last (a later amendment decides for itself; an erased response publishes
 * nothing), the response is still its respondent's latest, and the view as it now stands
 * is at risk. Id `RespondentAtRisk:<responseId>:<version>`: at most one per version.
 *
 * @example
 * const events = await atRiskEvents({ entry, responses: eventStore, sources: { views: projections, threshold: 0.25 }
 * });
 */
export const atRiskEvents = async ({
  entry,
  responses,
  sources,
}: {
  entry: ChunkEntry;
  responses: Pick<EventStore, 'readEventsAt'>;
  sources: AtRiskSources | undefined;
}): Promise<PublishableEvent[]> => {
  const refs = entry.atRisk ?? [];
  if (!refs.length || !sources) return [];
  const generation = (await sources.views.readMeta()).current;
  const tallies = riskTalliesOf((await readMonthAggregates(sources.views, generation)).value);
  // a ref's version is still its response's last when it exists and the next one does not
  const found = new Set(
    (
      await responses.readEventsAt(
        refs.flatMap(({ responseId, version }) => [version, version + 1].map((v) => ({ responseId, version: v }))),
      )
    ).map((event) => `${event.version}|${event.responseId}`),
  );
  const isLast = ({ responseId, version }: { responseId: string; version: number }) =>
    found.has(`${version}|${responseId}`) && !found.has(`${version + 1}|${responseId}`);
  const events = await mapLimited(refs, READ_CONCURRENCY, async (ref): Promise<PublishableEvent[]> => {
    if (!isLast(ref)) return [];
    const stored = (await readView(sources.views, generation, ref.respondent)).value;
    const view = stored && respondentView({ ...stored, tallies, threshold: sources.threshold });
    if (!view || view.latest.responseId !== ref.responseId || !view.risk.atRisk) return [];
    const data = {
      respondentId: view.respondentId,
      responseId: ref.responseId,
      latest: standing(view.latest),
      previous: view.previous ? standing(view.previous) : null,
      probability: view.risk.probability,
      reasons: view.risk.reasons,
      segments: view.latest.segments,
    };
    const id = `RespondentAtRisk:${ref.responseId}:${ref.version}`;
    return [
      {
        type: 'RespondentAtRisk',
        detail: publishedDetail({ type: 'RespondentAtRisk', id, occurredAt: entry.occurredAt, data }),
      },
    ];
  });
  return events.flat();
};
