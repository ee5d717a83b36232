/**
 * The fields of a bus event that hold personal data or what was derived from it: the
 * comment and its analysis, the respondentId, a follow-up's note and author. They sit in
 * `detail` of an inbound event (the ingest body) and in `detail.data` of a published one.
 */
export const PERSONAL_FIELDS = ['comment', 'analysis', 'respondentId', 'note', 'by'] as const;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Where an event's response fields sit: `detail.data` of a published event, else `detail` (an inbound submission). */
const responsePartOf = (detail: unknown): Json | undefined => {
  if (!isObject(detail)) return undefined;
  return isObject(detail.data) ? detail.data : detail;
};

/** The responseId an event is about, if any. */
export const responseIdOf = (detail: unknown): string | undefined => {
  const id = responsePartOf(detail)?.responseId;
  return typeof id === 'string' ? id : undefined;
};

/** True when the event's detail holds any personal field. */
export const holdsPersonalData = (detail: unknown): boolean => {
  const part = responsePartOf(detail);
  return part !== undefined && PERSONAL_FIELDS.some((field) => Object.hasOwn(part, field));
};

/**
 * The detail without its personal fields (a new value; the one given is not changed).
 *
 * @example
 * withoutPersonalData({ metadata, data: { responseId: 'r1', score: 3, comment: 'Rude staff' } });
 * // { metadata, data: { responseId: 'r1', score: 3 } }
 */
export const withoutPersonalData = (detail: unknown): unknown => {
  if (!isObject(detail)) return detail;
  const strip = (part: Json) =>
    Object.fromEntries(Object.entries(part).filter(([key]) => !(PERSONAL_FIELDS as readonly string[]).includes(key)));
  return isObject(detail.data) ? { ...detail, data: strip(detail.data) } : strip(detail);
};

/** How long the bus remembers an erased responseId, to strip an event about it published just after the erasure. */
export const RECENT_ERASURE_MS = 15 * 60_000;

/**
 * The responseIds erased in the last `ttlMs` (at most `keep` of them, the latest): an event
 * the publisher read before an erasure and puts after it is stripped as it arrives.
 * Its memory stays bounded whatever the number of erasures.
 *
 * @example
 * const recent = recentErasures({ keep: 10_000, now: Date.now });
 * recent.add(['r1']);
 * recent.has('r1'); // true for 15 minutes
 */
export const recentErasures = ({
  keep,
  now,
  ttlMs = RECENT_ERASURE_MS,
}: {
  keep: number;
  now: () => number;
  ttlMs?: number;
}) => {
  const erasedAt = new Map<string, number>();
  const prune = () => {
    for (const [id, at] of erasedAt) {
      if (erasedAt.size <= keep && at > now() - ttlMs) break;
      erasedAt.delete(id);
    }
  };
  return {
    add: (ids: Iterable<string>) => {
      for (const id of ids) {
        erasedAt.delete(id); // re-inserted last: the map stays in order of erasure
        erasedAt.set(id, now());
      }
      prune();
    },
    has: (id: string | undefined) => {
      prune();
      return id !== undefined && erasedAt.has(id);
    },
  };
};
