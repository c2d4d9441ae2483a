/**
 * Timer definitions → schedules → due dates. A definition is an ISO 8601 date, duration or repeating
 * interval (`R3/PT10H`, `R/PT5M`, `R3/2026-01-01T00:00:00Z/P1D`), a cron expression, or FEEL (`= …`)
 * yielding one of those (or a FEEL date / duration value). All arithmetic is in UTC.
 */
import type { TimerSpec } from "../route.ts";
import { EngineError } from "../errors.ts";
import { evalFeel, feelDuration, feelInstant, type FeelContext } from "../feel.ts";
import { addDuration, isZero, parseDuration, type Duration } from "./duration.ts";
import { nextCron, parseCron, type Cron } from "./cron.ts";

/** When a timer fires: once at a date, once after a duration, repeatedly every duration, or on a cron schedule. */
export type Schedule =
  | { kind: "at"; at: Date }
  | { kind: "after"; duration: Duration }
  | { kind: "every"; repeat: number; start?: Date; duration: Duration }
  | { kind: "cron"; cron: Cron };

/** A due date, and for a counted cycle how many repetitions are left after it. */
export interface Due {
  at: Date;
  left?: number;
}

/** Resolves a timer definition (evaluating FEEL against the context) into a schedule; throws EngineError `expression`. */
export function resolveTimer(spec: TimerSpec, context: () => FeelContext, element?: string): Schedule {
  const text = spec.expression.trim();
  const schedule = text.startsWith("=") ? fromFeel(spec, evalFeel(text, context(), element)) : parseTimerText(spec.kind, text);
  if (!schedule) throw new EngineError("expression", `Timer "${text}" of ${element ?? "the route"} is not a date, duration, cycle or cron expression.`, element);
  return schedule;
}

/** Parses a literal timer definition of the given kind; undefined when it is not valid. */
export function parseTimerText(kind: TimerSpec["kind"], text: string): Schedule | undefined {
  const t = text.trim();
  if (/^R\d*\//.test(t)) return parseCycle(t);
  const duration = parseDuration(t);
  if (duration) {
    if (isZero(duration) && kind === "cycle") return undefined;
    return kind === "cycle" ? { kind: "every", repeat: Infinity, duration } : { kind: "after", duration };
  }
  if (/\s/.test(t)) {
    const cron = parseCron(t);
    return cron ? { kind: "cron", cron } : undefined;
  }
  const at = parseInstant(t);
  return at ? { kind: "at", at } : undefined;
}

/** The first due date of a schedule started at `now`; undefined when it never fires. */
export function firstDue(s: Schedule, now: Date): Due | undefined {
  switch (s.kind) {
    case "at":
      return { at: s.at };
    case "after":
      return { at: addDuration(now, s.duration) };
    case "cron": {
      const at = nextCron(s.cron, now);
      return at ? { at } : undefined;
    }
    case "every":
      if (s.start) return occurrence(s, s.start, now, false);
      return { at: addDuration(now, s.duration), left: counted(s.repeat - 1) };
  }
}

/** The next due date of a cycle that fired at `now` with `left` repetitions left; undefined when it is over. */
export function nextDue(s: Schedule, now: Date, left: number | undefined): Due | undefined {
  switch (s.kind) {
    case "at":
    case "after":
      return undefined;
    case "cron":
      return firstDue(s, now);
    case "every":
      if (s.start) return occurrence(s, s.start, now, true);
      if (s.repeat === Infinity) return { at: addDuration(now, s.duration) };
      if ((left ?? 0) <= 0) return undefined;
      return { at: addDuration(now, s.duration), left: counted((left ?? 0) - 1) };
  }
}

/** Parses an ISO 8601 instant; a date-time without a zone is read as UTC. */
export function parseInstant(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.test(text)) return undefined;
  const zoned = text.length > 10 && !/(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? `${text}Z` : text;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

function fromFeel(spec: TimerSpec, value: unknown): Schedule | undefined {
  const instant = feelInstant(value);
  if (instant) return { kind: "at", at: instant };
  const duration = feelDuration(value);
  if (duration !== undefined) return parseTimerText(spec.kind, duration);
  return typeof value === "string" ? parseTimerText(spec.kind, value) : undefined;
}

function parseCycle(text: string): Schedule | undefined {
  const [head, a, b] = text.split("/");
  const repeat = head === "R" ? Infinity : Number(head.slice(1));
  if (!(repeat > 0)) return undefined;
  const dA = a === undefined ? undefined : parseDuration(a);
  if (dA && (isZero(dA) || dA.sign < 0)) return undefined;
  if (dA) return b === undefined || parseInstant(b) ? { kind: "every", repeat, duration: dA } : undefined;
  const start = a === undefined ? undefined : parseInstant(a);
  const dB = b === undefined ? undefined : parseDuration(b);
  return start && dB && !isZero(dB) && dB.sign > 0 ? { kind: "every", repeat, start, duration: dB } : undefined;
}

/** The first occurrence start + k·duration at or after `now` (strictly after when `strict`), within the repeat count. */
function occurrence(s: { repeat: number; duration: Duration }, start: Date, now: Date, strict: boolean): Due | undefined {
  const step = approxMs(s.duration);
  let k = Math.max(0, Math.floor((now.getTime() - start.getTime()) / step) - 2);
  let at = addDuration(start, scale(s.duration, k));
  while (strict ? at.getTime() <= now.getTime() : at.getTime() < now.getTime()) {
    k += 1;
    at = addDuration(start, scale(s.duration, k));
  }
  if (k >= s.repeat) return undefined;
  return { at, left: counted(s.repeat - k - 1) };
}

function counted(left: number): number | undefined {
  return left === Infinity ? undefined : left;
}

function scale(d: Duration, k: number): Duration {
  return { sign: d.sign, years: d.years * k, months: d.months * k, days: d.days * k, ms: d.ms * k };
}

function approxMs(d: Duration): number {
  return (d.years * 365.25 + d.months * 30.44 + d.days) * 86_400_000 + d.ms;
}
