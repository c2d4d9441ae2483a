/**
 * Quiet hours: the nightly window in which customer messages are held, in the customer's time zone.
 */
import { addDays, isTimeZone, localDateTime, zonedInstant } from "./zone.ts";

/** A daily window `from`–`to` as local `HH:MM`; `from` after `to` spans midnight (21:00–09:00). */
export interface QuietHours {
  from: string;
  to: string;
}

/** Minutes since midnight of `HH:MM`; NaN when malformed. */
function minutesOf(text: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
}

/** Sentences describing what is wrong with a quiet-hours window; empty when usable. */
export function quietHoursIssues(window: QuietHours, timeZone?: string): string[] {
  const issues: string[] = [];
  if (Number.isNaN(minutesOf(window.from))) issues.push(`Quiet hours start "${window.from}" is not HH:MM.`);
  if (Number.isNaN(minutesOf(window.to))) issues.push(`Quiet hours end "${window.to}" is not HH:MM.`);
  if (timeZone !== undefined && !isTimeZone(timeZone)) issues.push(`"${timeZone}" is not an IANA time zone.`);
  return issues;
}

/** When `at` falls in the quiet window in `timeZone`, the instant the window ends (the morning); otherwise null. */
export function quietUntil(at: Date, timeZone: string, window: QuietHours): Date | null {
  const from = minutesOf(window.from);
  const to = minutesOf(window.to);
  if (Number.isNaN(from) || Number.isNaN(to) || from === to) return null;
  const local = localDateTime(timeZone, at);
  const minute = Math.floor(local.msOfDay / 60_000);
  const spansMidnight = from > to;
  const quiet = spansMidnight ? minute >= from || minute < to : minute >= from && minute < to;
  if (!quiet) return null;
  const endsTomorrow = spansMidnight && minute >= from;
  const day = endsTomorrow ? addDays(local, 1) : { year: local.year, month: local.month, day: local.day };
  return zonedInstant(timeZone, day, to * 60_000);
}
