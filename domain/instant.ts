/** Earliest accepted event time. */
export const EARLIEST_INSTANT_MS = Date.UTC(2000, 0, 1);
/** How far in the future an event time may lie (client clocks drift). */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const INSTANT_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * Epoch ms of an ISO-8601 date-time with an explicit offset (`Z` or `±hh:mm`), or
 * undefined when the text is not one or names an impossible date or time.
 *
 * @example
 * parseInstant('2026-11-20T11:15:00+01:00'); // Date.parse('2026-11-20T10:15:00Z')
 * parseInstant('2026-02-30T10:00:00Z'); // undefined
 */
const isClockTime = (month: number, hour: number, minute: number, second: number): boolean =>
  month >= 1 && month <= 12 && hour <= 23 && minute <= 59 && second <= 59;

/**
 * Milliseconds to subtract from the local time of a `±hh:mm` offset (0 for `Z`), or undefined for an impossible offset.
 */
const offsetMs = (m: RegExpExecArray): number | undefined => {
  if (m[8]) return 0;
  const [hours, minutes] = [Number(m[10]), Number(m[11])];
  if (hours > 23 || minutes > 59) return undefined;
  const offset = (hours * 60 + minutes) * 60_000;
  return m[9] === '+' ? offset : -offset;
};

export const parseInstant = (text: string): number | undefined => {
  const m = INSTANT_PATTERN.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i])) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = Number(m[6] ?? 0);
  const millis = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
  if (!isClockTime(month, hour, minute, second)) return undefined;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const offset = offsetMs(m);
  if (new Date(local).getUTCDate() !== day || offset === undefined) return undefined;
  return local - offset;
};

/** Canonical UTC form of an instant, as stored and returned: `2026-11-20T10:15:00.000Z`. */
export const formatInstant = (epochMs: number): string => new Date(epochMs).toISOString();

/**
 * Why an event time is outside the accepted window, or undefined when it is inside:
 * not before 2000-01-01, not more than 5 minutes after `nowMs`.
 */
export const instantWindowError = (epochMs: number, nowMs: number): string | undefined => {
  if (epochMs < EARLIEST_INSTANT_MS) return 'must not be before 2000-01-01T00:00:00Z';
  if (epochMs > nowMs + MAX_CLOCK_SKEW_MS) return 'must not be more than 5 minutes in the future';
  return undefined;
};
