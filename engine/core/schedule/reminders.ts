/**
 * Reminders of an overdue task: the overdue notice fires at `dueAt`, then a reminder every `interval`
 * (`dueAt + k·interval`, k ≥ 1) until the task is done; with a calendar each reminder comes one interval of
 * working time after the previous one, so none falls outside working hours.
 */
import type { Duration } from "../timers/duration.ts";
import { addWorkingMs, addWorkingTime, workingDuration, workingTimeBetween, type WorkCalendar } from "./calendar.ts";
import { DAY } from "./zone.ts";

/** The next reminder instant strictly after `now` for a task due at `dueAt` (throws RangeError on a bad interval). */
export function reminderSchedule(dueAt: Date, interval: Duration | string, now: Date, calendar?: WorkCalendar): Date {
  const step = workingDuration(interval);
  const stepMs = step.days * DAY + step.ms;
  if (stepMs <= 0) throw new RangeError("a reminder interval must be longer than zero");
  if (!calendar) return new Date(dueAt.getTime() + stepsAfter(now.getTime() - dueAt.getTime(), stepMs) * stepMs);
  if (step.days === 0) return addWorkingMs(calendar, dueAt, stepsAfter(workingTimeBetween(calendar, dueAt, now), stepMs) * stepMs);
  let at = dueAt;
  for (let n = 0; n < MAX_STEPS; n += 1) {
    at = addWorkingTime(calendar, at, step);
    if (at.getTime() > now.getTime()) return at;
  }
  throw new RangeError(`more than ${MAX_STEPS} reminders of ${dueAt.toISOString()} before ${now.toISOString()}`);
}

/** Reminders with a day part are stepped one by one, at most this many times. */
const MAX_STEPS = 10_000;

/** The smallest k ≥ 1 with k·step > elapsed. */
function stepsAfter(elapsed: number, step: number): number {
  return Math.max(1, Math.floor(elapsed / step) + 1);
}
