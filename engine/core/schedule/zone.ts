/**
 * Wall-clock arithmetic in an IANA time zone, through `Intl.DateTimeFormat` only (pure, no clock).
 * A local date is `{ year, month, day }` with month 1–12; minutes of day run 0–1440.
 */

/** A calendar date as written on a wall calendar (month 1–12). */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** A local date with the wall-clock time and ISO weekday (1 = Monday … 7 = Sunday) of an instant. */
export interface LocalDateTime extends LocalDate {
  weekday: number;
  /** Milliseconds since local midnight. */
  msOfDay: number;
}

/** True when `Intl` knows the IANA time zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local date, weekday and time of day of an instant in a time zone. */
export function localDateTime(timeZone: string, at: Date): LocalDateTime {
  const wall = wallMs(timeZone, at.getTime());
  const day = new Date(Math.floor(wall / DAY) * DAY);
  return {
    year: day.getUTCFullYear(),
    month: day.getUTCMonth() + 1,
    day: day.getUTCDate(),
    weekday: ((day.getUTCDay() + 6) % 7) + 1,
    msOfDay: wall - day.getTime(),
  };
}

/**
 * The instant a local date and time of day denote in a time zone; a time skipped by a DST change moves
 * forward by the gap (02:30 on a spring-forward night → 03:30), a repeated one takes its first occurrence.
 */
export function zonedInstant(timeZone: string, date: LocalDate, msOfDay: number): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + msOfDay;
  const before = wall - offsetMs(timeZone, wall - DAY);
  const after = wall - offsetMs(timeZone, wall + DAY);
  const valid = [before, after].filter((t) => wallMs(timeZone, t) === wall);
  return new Date(valid.length > 0 ? Math.min(...valid) : before);
}

/** The local date `n` days after `date` (n may be negative). */
export function addDays(date: LocalDate, n: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + n));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a local date. */
export function weekdayOf(date: LocalDate): number {
  return ((new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7) + 1;
}

/** A local date as `YYYY-MM-DD`. */
export function formatDate(date: LocalDate): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** Milliseconds in a 24-hour day. */
export const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading of an instant, expressed as if it were UTC milliseconds. */
function wallMs(timeZone: string, t: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(t))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  const ms = ((t % 1000) + 1000) % 1000;
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second) + ms;
}

function offsetMs(timeZone: string, t: number): number {
  return wallMs(timeZone, t) - t;
}
