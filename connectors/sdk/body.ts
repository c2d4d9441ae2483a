/**
 * Reading an inbound request's body: JSON or form-encoded, with the content type checked.
 */
import { InboundRejected } from "./errors.ts";
import type { InboundRequest } from "./types.ts";

/** The body parsed as JSON; `InboundRejected` 400 when it is not JSON. */
export function jsonBody(request: InboundRequest): unknown {
  try {
    return JSON.parse(request.rawBody.toString("utf8"));
  } catch {
    throw new InboundRejected(400, "The body is not valid JSON.");
  }
}

/** The body parsed as `application/x-www-form-urlencoded` (last value of a repeated key wins). */
export function formBody(request: InboundRequest): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(request.rawBody.toString("utf8")));
}

/** True when the request's content type is form-encoded. */
export function isForm(request: InboundRequest): boolean {
  return (request.headers["content-type"] ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded");
}
