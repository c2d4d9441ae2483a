import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import orderSchema from "../../definitions/schemas/order.schema.json" with { type: "json" };
import type { ProblemDetail } from "../problem.ts";

let validator: ValidateFunction | undefined;

/**
 * Validate an order against definitions/schemas/order.schema.json plus the 18+ rule (an adult item needs a
 * customer whose age is verified); each error points at the field at fault with a JSON pointer.
 */
export function validateOrder(order: unknown): { ok: boolean; errors: ProblemDetail[] } {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(orderSchema);
  const errors = validator(order) ? [] : (validator.errors ?? []).filter((error) => error.keyword !== "if").map(toDetail);
  errors.push(...adultItemErrors(order));
  return { ok: errors.length === 0, errors };
}

function adultItemErrors(order: unknown): ProblemDetail[] {
  if (!isRecord(order) || !Array.isArray(order.items)) return [];
  const customer = isRecord(order.customer) ? order.customer : {};
  if (customer.ageVerified === true) return [];
  return order.items.flatMap((item, index) => {
    if (!isRecord(item) || item.adult !== true) return [];
    const what = typeof item.name === "string" && item.name ? `"${item.name}"` : `number ${index + 1}`;
    return [{ pointer: `/items/${index}/adult`, message: `18+ item ${what} requires a customer whose age is verified (customer.ageVerified = true).` }];
  });
}

function toDetail(error: ErrorObject): ProblemDetail {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required") {
    return { pointer: `${error.instancePath}/${String(params.missingProperty)}`, message: `${String(params.missingProperty)} is required.` };
  }
  if (error.keyword === "additionalProperties") {
    return { pointer: `${error.instancePath}/${String(params.additionalProperty)}`, message: `${String(params.additionalProperty)} is not a known field of an order.` };
  }
  if (error.keyword === "enum") {
    return { pointer: error.instancePath || "/", message: `Must be one of: ${(params.allowedValues as unknown[]).join(", ")}.` };
  }
  if (error.keyword === "pattern") {
    return { pointer: error.instancePath || "/", message: `Has the wrong format${formatHint(error.instancePath)}.` };
  }
  return { pointer: error.instancePath || "/", message: capitalize(`${error.message ?? error.keyword}.`) };
}

function formatHint(pointer: string): string {
  if (pointer.endsWith("/phone")) return ": expected a phone number such as +7 900 123-45-67";
  if (pointer.endsWith("/email")) return ": expected an email address";
  if (/\/(start|end|createdAt)$/.test(pointer)) return ": expected an ISO 8601 date-time such as 2026-11-23T18:00:00Z";
  return "";
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
