/**
 * Working hours of a store: opening intervals per weekday in the store's IANA time zone, plus holidays.
 * Working time counts only instants inside an opening interval; a duration's days count as working days
 * (same local time on the n-th next working day, or that day's nearest working instant), its hours,
 * minutes and seconds as working time. All loops are bounded: a calendar without working time within
 * a year, or a computation reaching more than twenty years ahead, throws a RangeError.
 */
import { parseDuration, type Duration } from "../timers/duration.ts";
import { addDays, formatDate, isTimeZone, localDateTime, weekdayOf, zonedInstant, type LocalDate } from "./zone.ts";

/** A weekday key of a working week. */
export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

/** One opening interval of a day, local `HH:MM` (close may be `24:00`; over midnight = two intervals). */
export interface OpeningInterval {
  open: string;
  close: string;
}

/** Working hours of a store: plain JSON, stored with the store. */
export interface WorkCalendar {
  /** IANA time zone of the store, e.g. `Europe/Moscow`. */
  timeZone: string;
  /** Opening intervals per weekday; a missing or empty day is closed. */
  week: Partial<Record<Weekday, OpeningInterval[]>>;
  /** Closed local dates, `YYYY-MM-DD`. */
  holidays?: string[];
}

/** Plain sentences describing what is wrong with a calendar; empty when it is usable. */
export function calendarIssues(calendar: WorkCalendar): string[] {
  const issues: string[] = [];
  if (!isTimeZone(calendar.timeZone)) issues.push(`time zone "${calendar.timeZone}" is not a known IANA time zone`);
  let any = false;
  for (const [day, intervals] of Object.entries(calendar.week)) {
    if (!WEEKDAYS.includes(day as Weekday)) issues.push(`"${day}" is not a weekday (mon … sun)`);
    const spans = (intervals ?? []).map((iv) => [clockMs(iv.open), clockMs(iv.close), iv] as const);
    for (const [open, close, iv] of spans) {
      if (open === undefined || close === undefined || close <= open) issues.push(`${day} ${iv.open}–${iv.close} is not an interval of HH:MM times`);
      else any = true;
    }
    const sorted = spans.filter(([o, c]) => o !== undefined && c !== undefined).sort((a, b) => a[0]! - b[0]!);
    for (let i = 1; i < sorted.length; i += 1) {
      if (sorted[i][0]! < sorted[i - 1][1]!) issues.push(`${day} intervals overlap`);
    }
  }
  if (!any) issues.push("no day has opening hours");
  for (const h of calendar.holidays ?? []) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(h)) issues.push(`holiday "${h}" is not a YYYY-MM-DD date`);
  }
  return issues;
}

/** The first working instant at or after `at` (`at` itself when the store is open then). */
export function nextWorkingInstant(calendar: WorkCalendar, at: Date): Date {
  for (const [start] of workingIntervals(calendar, at.getTime())) return new Date(Math.max(start, at.getTime()));
  throw new RangeError("unreachable: workingIntervals ends by throwing");
}

/** The instant reached after `duration` of working time from `from` (days count as working days). */
export function addWorkingTime(calendar: WorkCalendar, from: Date, duration: Duration | string): Date {
  const d = workingDuration(duration);
  const afterDays = d.days > 0 ? addWorkingDays(calendar, from, d.days) : from;
  return addWorkingMs(calendar, afterDays, d.ms);
}

/** Milliseconds of working time between two instants (0 when `to` is not after `from`). */
export function workingTimeBetween(calendar: WorkCalendar, from: Date, to: Date): number {
  let total = 0;
  if (to.getTime() <= from.getTime()) return 0;
  for (const [start, end] of workingIntervals(calendar, from.getTime())) {
    if (start >= to.getTime()) break;
    total += Math.min(end, to.getTime()) - Math.max(start, from.getTime());
  }
  return total;
}

/** Adds milliseconds of working time to an instant; zero or less returns `from` unchanged. */
export function addWorkingMs(calendar: WorkCalendar, from: Date, ms: number): Date {
  if (ms <= 0) return from;
  let left = ms;
  for (const [start, end] of workingIntervals(calendar, from.getTime())) {
    const begin = Math.max(start, from.getTime());
    if (left <= end - begin) return new Date(begin + left);
    left -= end - begin;
  }
  throw new RangeError("unreachable: workingIntervals ends by throwing");
}

/** A duration usable as working time: no years or months, not negative; accepts ISO 8601 text. */
export function workingDuration(duration: Duration | string): Duration {
  const d = typeof duration === "string" ? parseDuration(duration) : duration;
  if (!d) throw new RangeError(`"${String(duration)}" is not an ISO 8601 duration`);
  if (d.sign < 0 || d.years !== 0 || d.months !== 0 || !Number.isInteger(d.days)) {
    const label = typeof duration === "string" ? `"${duration}"` : "a negative, fractional-day, month or year duration";
    throw new RangeError(`working time counts whole days, hours, minutes and seconds forward, not ${label}`);
  }
  return d;
}

const WEEKDAYS: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/** Days in a row without working time before a calendar is deemed closed for good. */
const MAX_IDLE_DAYS = 366;
/** Days scanned at most by one computation (about twenty years). */
const MAX_SCAN_DAYS = 7305;

/** Opening intervals `[start, end)` as epoch ms, in order, from the one containing or following `from`. */
function* workingIntervals(calendar: WorkCalendar, from: number): Generator<[number, number]> {
  let date = localDateTime(calendar.timeZone, new Date(from)) as LocalDate;
  let idle = 0;
  for (let scanned = 0; scanned < MAX_SCAN_DAYS; scanned += 1) {
    const intervals = dayIntervals(calendar, date).filter(([, end]) => end > from);
    idle = intervals.length > 0 ? 0 : idle + 1;
    if (idle > MAX_IDLE_DAYS) throw new RangeError(`calendar in ${calendar.timeZone} has no working time for a year after ${formatDate(date)}`);
    yield* intervals;
    date = addDays(date, 1);
  }
  throw new RangeError(`working time reaches more than ${MAX_SCAN_DAYS} days ahead`);
}

/** Moves to the same local time `days` working days later, or to that day's nearest working instant. */
function addWorkingDays(calendar: WorkCalendar, from: Date, days: number): Date {
  const start = nextWorkingInstant(calendar, from);
  const local = localDateTime(calendar.timeZone, start);
  let date: LocalDate = local;
  for (let n = 0; n < days; n += 1) date = nextWorkingDate(calendar, date);
  const wanted = zonedInstant(calendar.timeZone, date, local.msOfDay).getTime();
  const intervals = dayIntervals(calendar, date);
  const open = intervals.find(([, end]) => end > wanted);
  if (!open) return new Date(intervals[intervals.length - 1][1]);
  return new Date(Math.max(open[0], wanted));
}

function nextWorkingDate(calendar: WorkCalendar, date: LocalDate): LocalDate {
  let next = date;
  for (let n = 0; n <= MAX_IDLE_DAYS; n += 1) {
    next = addDays(next, 1);
    if (dayIntervals(calendar, next).length > 0) return next;
  }
  throw new RangeError(`calendar in ${calendar.timeZone} has no working day for a year after ${formatDate(date)}`);
}

/** The opening intervals of a local date as epoch ms, sorted; none on a holiday. */
function dayIntervals(calendar: WorkCalendar, date: LocalDate): [number, number][] {
  if (calendar.holidays?.includes(formatDate(date))) return [];
  const spans = calendar.week[WEEKDAYS[weekdayOf(date) - 1]] ?? [];
  const out: [number, number][] = [];
  for (const { open, close } of spans) {
    const o = clockMs(open);
    const c = clockMs(close);
    if (o === undefined || c === undefined || c <= o) continue;
    const start = zonedInstant(calendar.timeZone, date, o).getTime();
    const end = zonedInstant(calendar.timeZone, date, c).getTime();
    if (end > start) out.push([start, end]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** `HH:MM` → milliseconds since midnight (`24:00` allowed); undefined when malformed. */
function clockMs(text: string): number | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return undefined;
  return (h * 60 + min) * 60_000;
}
