/**
 * Test kit: inbound requests as a provider would send them.
 */
import type { InboundRequest } from "../types.ts";

/** An inbound request; `body` may be a string, a Buffer, or an object (sent as JSON, or form-encoded when `form`). */
export function inboundRequest(options: {
  body: string | Buffer | Record<string, unknown>;
  headers?: Record<string, string>;
  url?: string;
  method?: string;
  form?: boolean;
}): InboundRequest {
  const raw = Buffer.isBuffer(options.body)
    ? options.body
    : typeof options.body === "string"
      ? Buffer.from(options.body)
      : Buffer.from(options.form ? new URLSearchParams(options.body as Record<string, string>).toString() : JSON.stringify(options.body));
  const contentType = options.form ? "application/x-www-form-urlencoded" : "application/json";
  const headers = Object.fromEntries(Object.entries({ "content-type": contentType, ...options.headers }).map(([k, v]) => [k.toLowerCase(), v]));
  const url = options.url ?? "http://localhost:3000/hooks/test/handler";
  return { method: options.method ?? "POST", url, headers, rawBody: raw, query: Object.fromEntries(new URL(url).searchParams) };
}

/** A copy of a request with another body and/or headers (a header given as undefined is removed): for tampered cases. */
export function alteredRequest(request: InboundRequest, changes: { body?: string | Buffer; headers?: Record<string, string | undefined> }): InboundRequest {
  const headers = { ...request.headers };
  for (const [name, value] of Object.entries(changes.headers ?? {})) {
    if (value === undefined) delete headers[name.toLowerCase()];
    else headers[name.toLowerCase()] = value;
  }
  const rawBody = changes.body === undefined ? request.rawBody : Buffer.isBuffer(changes.body) ? changes.body : Buffer.from(changes.body);
  return { ...request, headers, rawBody };
}
