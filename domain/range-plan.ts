import {
  addDays,
  type Day,
  dayNumberOf,
  dayOfInstant,
  hourKeyOf,
  MS_PER_DAY,
  MS_PER_HOUR,
  monthEnd,
  monthOf,
  monthStart,
  nextMonth,
} from './time';

/** One stored bucket to read, added or subtracted. */
export interface PlannedRead {
  granularity: 'day' | 'month';
  bucket: string;
  sign: 1 | -1;
}

const days = (from: Day, to: Day, sign: 1 | -1): PlannedRead[] => {
  const reads: PlannedRead[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) reads.push({ granularity: 'day', bucket: day, sign });
  return reads;
};

/** Days from..to of one month: listed, or the whole month minus the days outside, whichever reads fewer items. */
const partOfMonth = (from: Day, to: Day): PlannedRead[] => {
  const month = monthOf(from);
  const [first, last] = [monthStart(month), monthEnd(month)];
  const inside = dayNumberOf(to) - dayNumberOf(from) + 1;
  const outside = dayNumberOf(last) - dayNumberOf(first) + 1 - inside;
  if (outside === 0 || 1 + outside < inside) {
    return [
      { granularity: 'month', bucket: month, sign: 1 },
      ...(from > first ? days(first, addDays(from, -1), -1) : []),
      ...(to < last ? days(addDays(to, 1), last, -1) : []),
    ];
  }
  return days(from, to, 1);
};

/**
 * The fewest stored buckets whose signed sum is the histogram of the days from..to
 * (inclusive): whole months as month items, partial months as days or as the month
 * minus its other days. A 365-day range reads at most 44 items; a month, one.
 *
 * @example
 * planRange('2026-01-01', '2026-12-31').length; // 12
 * planRange('2026-11-02', '2026-11-30'); // [+month 2026-11, −day 2026-11-01]
 */
export const planRange = (from: Day, to: Day): PlannedRead[] => {
  if (from > to) return [];
  if (monthOf(from) === monthOf(to)) return partOfMonth(from, to);
  const reads = partOfMonth(from, monthEnd(monthOf(from)));
  for (let month = nextMonth(monthOf(from)); month < monthOf(to); month = nextMonth(month)) {
    reads.push({ granularity: 'month', bucket: month, sign: 1 });
  }
  return [...reads, ...partOfMonth(monthStart(monthOf(to)), to)];
};

/**
 * Stored buckets covering the hour-aligned instants [fromMs, toMs): the hours of partial
 * days at either edge, whole days in between (the alert window and baseline reads).
 *
 * @example
 * planHours(Date.parse('2026-11-20T22:00Z'), Date.parse('2026-11-22T02:00Z'));
 * // hours 22, 23 of the 20th, day 21st, hours 00, 01 of the 22nd
 */
export const planHours = (fromMs: number, toMs: number): { granularity: 'hour' | 'day'; bucket: string }[] => {
  const reads: { granularity: 'hour' | 'day'; bucket: string }[] = [];
  const hour = (ms: number) => ({ granularity: 'hour' as const, bucket: hourKeyOf(ms) });
  let at = fromMs;
  while (at < toMs && at % MS_PER_DAY !== 0) {
    reads.push(hour(at));
    at += MS_PER_HOUR;
  }
  while (at + MS_PER_DAY <= toMs) {
    reads.push({ granularity: 'day', bucket: dayOfInstant(at) });
    at += MS_PER_DAY;
  }
  for (; at < toMs; at += MS_PER_HOUR) reads.push(hour(at));
  return reads;
};
