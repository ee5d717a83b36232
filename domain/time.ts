/** A calendar day in UTC, `YYYY-MM-DD`. */
export type Day = string;

export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a `YYYY-MM-DD` string, or undefined when it is not a real date. */
export const parseDay = (text: string): number | undefined => {
  const match = DAY_PATTERN.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return ms / MS_PER_DAY;
};

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** The `YYYY-MM-DD` of a day number (days since 1970-01-01). Hot path: no ISO formatting. */
export const formatDay = (dayNumber: number): Day => {
  const at = new Date(dayNumber * MS_PER_DAY);
  return `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
};

/** The UTC day an instant (epoch ms) falls on. */
export const dayOfInstant = (epochMs: number): Day => formatDay(Math.floor(epochMs / MS_PER_DAY));

/** Shift a day by n days (n may be negative). */
export const addDays = (day: Day, n: number): Day => formatDay(dayNumberOf(day) + n);

/** Day number of a day known to be valid (throws otherwise: a programming error). */
export const dayNumberOf = (day: Day): number => {
  const n = parseDay(day);
  if (n === undefined) throw new RangeError(`not a day: ${day}`);
  return n;
};

/** Number of days from `from` to `to`, both inclusive (0 or negative when to < from). */
export const daysInclusive = (from: Day, to: Day): number => dayNumberOf(to) - dayNumberOf(from) + 1;

/** Start of the UTC hour an instant falls on, in epoch ms. */
export const hourStart = (epochMs: number): number => Math.floor(epochMs / MS_PER_HOUR) * MS_PER_HOUR;

/** `YYYY-MM-DDTHH` of the UTC hour an instant falls on. */
export const hourKeyOf = (epochMs: number): string =>
  `${dayOfInstant(epochMs)}T${pad(Math.floor(epochMs / MS_PER_HOUR) % 24)}`;

/** Epoch ms of an hour key `YYYY-MM-DDTHH`. */
export const hourKeyStart = (key: string): number => Date.parse(`${key}:00:00Z`);

/** Day number of the Monday (ISO week start) of the week of a day number. */
export const mondayOf = (dayNumber: number): number => {
  // 1970-01-01 was a Thursday: (n + 3) mod 7 is 0 on Mondays.
  return dayNumber - ((((dayNumber + 3) % 7) + 7) % 7);
};

/** The Monday (ISO week start) of the week a day belongs to. */
export const weekStartOf = (day: Day): Day => formatDay(mondayOf(dayNumberOf(day)));

/** `YYYY-MM` of a day. */
export const monthOf = (day: Day): string => day.slice(0, 7);

/** First day of a month key `YYYY-MM`. */
export const monthStart = (month: string): Day => `${month}-01`;

/** Last day of a month key `YYYY-MM`. */
export const monthEnd = (month: string): Day => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return formatDay(Date.UTC(year, m, 1) / MS_PER_DAY - 1);
};

/** The month after a month key. */
export const nextMonth = (month: string): string => monthOf(addDays(monthEnd(month), 1));
