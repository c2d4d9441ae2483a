/**
 * FEEL evaluation for the core, over the `feelin` library: conditions, computed values and timer expressions.
 * A definition's expressions are only ever evaluated as FEEL, never as JavaScript.
 */
import { evaluate, FeelDate, FeelDateTime, FeelDuration, FeelTime } from "feelin";
import { EngineError } from "./errors.ts";

/** Variables visible to an expression. */
export type FeelContext = Record<string, unknown>;

/** Builds the FEEL context: deal data and variables at top level, and also under `deal` and `vars`. */
export function feelContext(
  data: Record<string, unknown>,
  vars: Record<string, unknown> | undefined,
  local?: Record<string, unknown>,
): FeelContext {
  const v = local ? { ...vars, ...local } : (vars ?? {});
  return { ...data, ...v, deal: data, vars: v };
}

/** Evaluates a FEEL expression (a leading `=` is allowed); throws EngineError `expression` on a syntax error. */
export function evalFeel(expression: string, context: FeelContext, element?: string): unknown {
  const source = stripEquals(expression);
  try {
    return evaluate(source, context).value;
  } catch (err) {
    throw new EngineError("expression", `FEEL expression "${source}" of ${element ?? "the route"} failed: ${(err as Error).message}`, element);
  }
}

/** Evaluates a FEEL condition; true only when the expression yields exactly `true`. */
export function feelCondition(expression: string, context: FeelContext, element?: string): boolean {
  return evalFeel(expression, context, element) === true;
}

/** Turns FEEL temporal values (dates, times, durations) into their ISO strings, recursively; JSON-safe. */
export function plain(value: unknown): unknown {
  if (value instanceof FeelDateTime || value instanceof FeelDate || value instanceof FeelTime || value instanceof FeelDuration) {
    return value.toString();
  }
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

/** The instant a FEEL date or date-time value denotes (a date is midnight UTC; a local date-time is read as UTC). */
export function feelInstant(value: unknown): Date | undefined {
  if (value instanceof FeelDateTime) {
    const zoned = value.unwrap().toZonedDateTime(value.zone ?? "UTC");
    return new Date(zoned.epochMilliseconds);
  }
  if (value instanceof FeelDate) return new Date(`${value.toString()}T00:00:00Z`);
  return undefined;
}

/** The ISO 8601 form of a FEEL duration value, if it is one. */
export function feelDuration(value: unknown): string | undefined {
  return value instanceof FeelDuration ? value.toString() : undefined;
}

function stripEquals(expression: string): string {
  const trimmed = expression.trim();
  return trimmed.startsWith("=") ? trimmed.slice(1).trim() : trimmed;
}
