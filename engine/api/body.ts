/**
 * Reading and checking request bodies before they reach a service.
 */
import type { Request } from "express";
import { Problem, type ProblemDetail } from "../problem.ts";

/** Media types accepted for BPMN XML bodies. */
export const XML_TYPES = ["application/xml", "text/xml", "application/bpmn+xml"];

/** The body as a JSON object; 400 problem when it is missing or not an object. */
export function objectBody(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new Problem(400, "Bad Request", "The request body must be a JSON object (Content-Type: application/json).", [
      { pointer: "", message: "Expected a JSON object." },
    ]);
  }
  return body as Record<string, unknown>;
}

/** Checks the named fields of a JSON body; 400 problem with a pointer for each one at fault. */
export function checkFields(body: Record<string, unknown>, fields: Record<string, FieldRule>): void {
  const errors: ProblemDetail[] = [];
  for (const [name, rule] of Object.entries(fields)) {
    const message = violation(body[name], rule);
    if (message) errors.push({ pointer: `/${name}`, message });
  }
  if (errors.length) throw new Problem(400, "Bad Request", "The request body has invalid fields.", errors);
}

/** What a body field must be. */
export type FieldRule = "string" | "string?" | "object?" | "strings?";

/** The BPMN XML of a request: a raw XML body, or JSON `{ "xml": "..." }`; 400/415 problem otherwise. */
export function xmlBody(req: Request): string {
  if (req.is(XML_TYPES)) {
    const xml = typeof req.body === "string" ? req.body : "";
    if (!xml.trim().startsWith("<")) throw new Problem(400, "Malformed XML body", "The request body is not XML.", [{ pointer: "", message: "Expected BPMN 2.0 XML." }]);
    return xml;
  }
  if (req.is("application/json")) {
    const body = objectBody(req);
    checkFields(body, { xml: "string" });
    return body.xml as string;
  }
  throw new Problem(415, "Unsupported Media Type", `Send the BPMN as ${XML_TYPES.join(", ")} or as JSON {"xml": "..."}.`);
}

function violation(value: unknown, rule: FieldRule): string | undefined {
  if (rule.endsWith("?") && value === undefined) return undefined;
  if (rule === "strings?") return Array.isArray(value) && value.every((item) => typeof item === "string") ? undefined : "Expected an array of strings.";
  if (rule.startsWith("string") && (typeof value !== "string" || value === "")) return "Expected a non-empty string.";
  if (rule === "object?" && (typeof value !== "object" || value === null || Array.isArray(value))) return "Expected a JSON object.";
  return undefined;
}
