/**
 * The last step of every storefront mapping: the mapped order is validated against
 * definitions/schemas/order.schema.json (plus the 18+ rule); the first error becomes a 422 whose pointer
 * names the field in the storefront's own payload when the connector says where each field came from.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import orderSchema from "../../../definitions/schemas/order.schema.json" with { type: "json" };
import { InboundRejected, type Order } from "../../sdk/index.ts";

/** Translates a pointer into the mapped order to the pointer of the field it came from in the storefront's payload. */
export type PointerOrigin = (pointer: string) => string;

let validator: ValidateFunction | undefined;

/** The problems of a mapped order, each with its pointer into the order and a sentence (empty when valid). */
export function orderProblems(order: unknown): { pointer: string; message: string }[] {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(orderSchema);
  const problems = validator(order) ? [] : (validator.errors ?? []).filter((error) => error.keyword !== "if").map(describe);
  return [...problems, ...adultItemProblems(order)];
}

/** Throws `InboundRejected` 422 naming the first problem of a mapped order (at its origin in the payload); returns the order when valid. */
export function checkOrder(order: Order, origin: PointerOrigin = (pointer) => pointer): Order {
  const problems = orderProblems(order);
  if (problems.length === 0) return order;
  const [first] = problems;
  const where = origin(first.pointer);
  const field = first.pointer.slice(1).replaceAll("/", ".") || "the order";
  const from = where === first.pointer ? "" : ` (from ${where})`;
  const more = problems.length > 1 ? ` ${problems.length - 1} more: ${problems.slice(1, 4).map((p) => p.pointer).join(", ")}.` : "";
  throw new InboundRejected(422, `The order cannot be accepted: ${field}${from} ${first.message}${more}`, where);
}

/** A pointer origin from a table of prefixes (`/customer/phone` → `/billing/phone`, `/items` → `/line_items`); the longest matching prefix wins. */
export function originTable(table: Record<string, string>): PointerOrigin {
  const prefixes = Object.keys(table).sort((a, b) => b.length - a.length);
  return (pointer) => {
    const prefix = prefixes.find((p) => pointer === p || pointer.startsWith(`${p}/`));
    return prefix === undefined ? pointer : `${table[prefix]}${pointer.slice(prefix.length)}`;
  };
}

function describe(error: ErrorObject): { pointer: string; message: string } {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required") return { pointer: `${error.instancePath}/${String(params.missingProperty)}`, message: "is missing." };
  if (error.keyword === "additionalProperties") return { pointer: `${error.instancePath}/${String(params.additionalProperty)}`, message: "is not a field of an order." };
  if (error.keyword === "pattern") return { pointer: error.instancePath || "/", message: `has the wrong format${hint(error.instancePath)}.` };
  return { pointer: error.instancePath || "/", message: `${error.message ?? "is invalid"}.` };
}

function hint(pointer: string): string {
  if (pointer.endsWith("/phone")) return " (expected a phone number such as +7 900 123-45-67)";
  if (pointer.endsWith("/email")) return " (expected an email address)";
  if (/\/(start|end|createdAt)$/.test(pointer)) return " (expected an ISO 8601 date-time with a zone, such as 2026-11-23T18:00:00+03:00)";
  return "";
}

function adultItemProblems(order: unknown): { pointer: string; message: string }[] {
  const record = order as { customer?: { ageVerified?: unknown }; items?: unknown };
  if (!Array.isArray(record?.items) || record.customer?.ageVerified === true) return [];
  return record.items.flatMap((item: { adult?: unknown }, index) =>
    item?.adult === true ? [{ pointer: `/items/${index}/adult`, message: "is an 18+ item, and the customer's age is not verified." }] : [],
  );
}
