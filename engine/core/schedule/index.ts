/**
 * Pure time logic of staff tasks: task timing (due, slot, visibility, almost overdue), store working hours
 * and reminder series. No I/O; every instant is a parameter.
 */
export { taskTiming, ALMOST_DUE_SHARE } from "./task-timing.ts";
export type { TaskTiming } from "./task-timing.ts";
export { addWorkingTime, addWorkingMs, nextWorkingInstant, workingTimeBetween, workingDuration, calendarIssues } from "./calendar.ts";
export type { WorkCalendar, OpeningInterval, Weekday } from "./calendar.ts";
export { reminderSchedule } from "./reminders.ts";
export { localDateTime, zonedInstant } from "./zone.ts";
export type { LocalDate, LocalDateTime } from "./zone.ts";
export { quietUntil, quietHoursIssues, type QuietHours } from "./quiet-hours.ts";
