/**
 * When a task generated from a template is due, opens, becomes visible and is almost overdue.
 *
 * - deadline: an ISO 8601 duration from creation (working time when a calendar is given) or an ISO instant,
 *   or FEEL (`= …`) giving a date-time, a date (midnight UTC), an ISO string of either, or a duration;
 * - slot `[opens, due]`: `from` / `to` are FEEL giving date-times, each moved by its signed ISO offset
 *   (never by working time: a customer's slot is absolute); with both a deadline and a slot, the earlier due wins;
 * - visibility: hidden until the deferral has passed (wall-clock time) and, with a slot, until it opens;
 *   `visibleFrom` is absent when the task is visible at once;
 * - almost overdue: when 80 % of the time from visibility (or creation) to due has passed, counted in working
 *   time when a calendar is given; absent when the task is not due or due no later than it becomes visible.
 */
import type { TaskTemplate } from "../route.ts";
import { EngineError } from "../errors.ts";
import { evalFeel, feelContext, feelDuration, feelInstant, plain, type FeelContext } from "../feel.ts";
import { addDuration, parseDuration, type Duration } from "../timers/duration.ts";
import { parseInstant } from "../timers/schedule.ts";
import { addWorkingMs, addWorkingTime, workingTimeBetween, type WorkCalendar } from "./calendar.ts";

/** The instants of a task's life that the runtime stores and schedules timers for. */
export interface TaskTiming {
  /** Deadline: the task is overdue after it. */
  dueAt?: Date;
  /** Start of the time slot, when the template has one. */
  opensAt?: Date;
  /** The task is hidden from the assignee's inbox until then (absent: visible at once). */
  visibleFrom?: Date;
  /** The "almost overdue" warning instant. */
  almostDueAt?: Date;
}

/** Share of the time from visibility to due after which a task is almost overdue. */
export const ALMOST_DUE_SHARE = 0.8;

/**
 * Computes a task's timing from its template, the deal data (FEEL sees it at top level and as `deal`) and its
 * creation instant; throws EngineError `expression` naming the template field when a value is not a date.
 */
export function taskTiming(
  template: TaskTemplate,
  data: Record<string, unknown>,
  createdAt: Date,
  calendar?: WorkCalendar,
  element?: string,
): TaskTiming {
  const context = feelContext(data, undefined);
  const deadline = template.deadline === undefined ? undefined : deadlineAt(template.deadline, context, createdAt, calendar, element);
  const slot = template.slot && slotWindow(template.slot, context, element);
  const dueAt = earliest(deadline, slot?.due);
  const deferred = template.deferral === undefined ? undefined : addDuration(createdAt, offset("deferral", template.deferral, element));
  const shown = latest(deferred, slot?.opens);
  const visibleFrom = shown && shown.getTime() > createdAt.getTime() ? shown : undefined;
  const almostDueAt = dueAt && almostDue(visibleFrom ?? createdAt, dueAt, calendar);
  const timing: TaskTiming = {};
  if (dueAt) timing.dueAt = dueAt;
  if (slot) timing.opensAt = slot.opens;
  if (visibleFrom) timing.visibleFrom = visibleFrom;
  if (almostDueAt) timing.almostDueAt = almostDueAt;
  return timing;
}

/** What a deadline or FEEL value denotes: an instant, or a duration from creation. */
type Temporal = { kind: "at"; at: Date } | { kind: "after"; duration: Duration };

function deadlineAt(text: string, context: FeelContext, createdAt: Date, calendar: WorkCalendar | undefined, element?: string): Date {
  const source = text.trim();
  const feel = source.startsWith("=");
  const raw = feel ? evalField("deadline", source, context, element) : source;
  const value = feel ? temporal(raw) : literal(source);
  if (!value) {
    const got = feel ? `gave ${describe(raw)}` : "is";
    throw new EngineError("expression", `deadline "${source}" of ${element ?? "the task"} ${got}, not a date-time or an ISO 8601 duration`, element);
  }
  if (value.kind === "at") return value.at;
  if (value.duration.sign < 0) throw new EngineError("expression", `deadline "${source}" of ${element ?? "the task"} is a negative duration`, element);
  if (!calendar) return addDuration(createdAt, value.duration);
  try {
    return addWorkingTime(calendar, createdAt, value.duration);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    throw new EngineError("expression", `deadline "${source}" of ${element ?? "the task"}: ${err.message}`, element);
  }
}

function slotWindow(slot: NonNullable<TaskTemplate["slot"]>, context: FeelContext, element?: string): { opens: Date; due: Date } {
  const opens = slotBound("slot.from", slot.from, "slot.fromOffset", slot.fromOffset, context, element);
  const due = slotBound("slot.to", slot.to, "slot.toOffset", slot.toOffset, context, element);
  if (opens.getTime() > due.getTime()) {
    throw new EngineError("expression", `slot of ${element ?? "the task"} opens at ${opens.toISOString()}, after it is due at ${due.toISOString()}`, element);
  }
  return { opens, due };
}

function slotBound(field: string, expression: string, offsetField: string, offsetText: string | undefined, context: FeelContext, element?: string): Date {
  const value = evalField(field, expression, context, element);
  const bound = temporal(value);
  if (bound?.kind !== "at") {
    throw new EngineError("expression", `${field} "${expression.trim()}" of ${element ?? "the task"} gave ${describe(value)}, not a date-time`, element);
  }
  return offsetText === undefined ? bound.at : addDuration(bound.at, offset(offsetField, offsetText, element, true));
}

/** Parses an ISO 8601 duration field; negative only when `signed`. */
function offset(field: string, text: string, element: string | undefined, signed = false): Duration {
  const d = parseDuration(text);
  if (!d || (!signed && d.sign < 0)) {
    throw new EngineError("expression", `${field} "${text}" of ${element ?? "the task"} is not ${signed ? "a signed" : "an"} ISO 8601 duration`, element);
  }
  return d;
}

function evalField(field: string, expression: string, context: FeelContext, element?: string): unknown {
  try {
    return evalFeel(expression, context, element);
  } catch (err) {
    if (!(err instanceof EngineError)) throw err;
    throw new EngineError("expression", `${field}: ${err.message}`, element);
  }
}

function temporal(value: unknown): Temporal | undefined {
  const instant = value instanceof Date ? value : feelInstant(value);
  if (instant && !Number.isNaN(instant.getTime())) return { kind: "at", at: instant };
  const duration = feelDuration(value);
  if (duration !== undefined) return literal(duration);
  return typeof value === "string" ? literal(value.trim()) : undefined;
}

function literal(text: string): Temporal | undefined {
  const duration = parseDuration(text);
  if (duration) return { kind: "after", duration };
  const at = parseInstant(text);
  return at ? { kind: "at", at } : undefined;
}

function almostDue(from: Date, due: Date, calendar: WorkCalendar | undefined): Date | undefined {
  if (due.getTime() <= from.getTime()) return undefined;
  if (!calendar) return new Date(from.getTime() + Math.floor((due.getTime() - from.getTime()) * ALMOST_DUE_SHARE));
  const span = workingTimeBetween(calendar, from, due);
  if (span <= 0) return undefined;
  const at = addWorkingMs(calendar, from, Math.floor(span * ALMOST_DUE_SHARE));
  return at.getTime() < due.getTime() ? at : undefined;
}

function earliest(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (!a || !b) return a ?? b;
  return a.getTime() <= b.getTime() ? a : b;
}

function latest(a: Date | undefined, b: Date | undefined): Date | undefined {
  if (!a || !b) return a ?? b;
  return a.getTime() >= b.getTime() ? a : b;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return "null";
  const shown = JSON.stringify(plain(value));
  return shown === undefined ? String(value) : shown.length > 60 ? `${shown.slice(0, 57)}…` : shown;
}
