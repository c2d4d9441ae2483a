/**
 * Zadarma signatures, exactly as its PHP client computes them (user-api-v1 lib/Client.php, lib/Webhook/*):
 * PHP's `hash_hmac('sha1', …)` returns a lower-case HEX string, so every signature is base64 of those 40
 * hex characters, not of the raw digest.
 */
import { createHash } from "node:crypto";
import { hmac } from "../../sdk/index.ts";

/** A query parameter value as the PHP client sends it (`true` → "1", `false` → "0"; undefined is left out). */
export type QueryValue = string | number | boolean | undefined;

/** `base64(hex(HMAC-SHA1(data, secret)))`, the Zadarma signature of a string. */
export function zadarmaSignature(data: string, secret: string): string {
  return Buffer.from(hmac("sha1", secret, data, "hex"), "utf8").toString("base64");
}

/** The query string as PHP's `http_build_query(ksort($params), null, '&', PHP_QUERY_RFC1738)` writes it. */
export function phpQuery(params: Record<string, QueryValue>): string {
  return Object.keys(params)
    .filter((key) => params[key] !== undefined)
    .sort()
    .map((key) => `${phpUrlencode(key)}=${phpUrlencode(phpValue(params[key]!))}`)
    .join("&");
}

/** The `Authorization` header of an API call: `key:base64(hex(HMAC-SHA1(method + query + md5(query), secret)))`. */
export function authorizationHeader(method: string, params: Record<string, QueryValue>, key: string, secret: string): string {
  const query = phpQuery(params);
  const md5 = createHash("md5").update(query).digest("hex");
  return `${key}:${zadarmaSignature(`${method}${query}${md5}`, secret)}`;
}

/** The fields whose values, concatenated, each webhook event signs (webhook-notify-events contract). */
export const SIGNED_FIELDS = {
  NOTIFY_START: ["caller_id", "called_did", "call_start"],
  NOTIFY_INTERNAL: ["caller_id", "called_did", "call_start"],
  NOTIFY_ANSWER: ["caller_id", "destination", "call_start"],
  NOTIFY_END: ["caller_id", "called_did", "call_start"],
  NOTIFY_OUT_START: ["internal", "destination", "call_start"],
  NOTIFY_OUT_END: ["internal", "destination", "call_start"],
  NOTIFY_RECORD: ["pbx_call_id", "call_id_with_rec"],
} as const;

/** A webhook event type this connector verifies and reads. */
export type NotifyEvent = keyof typeof SIGNED_FIELDS;

/** True when `event` is one of the signed call events. */
export function isNotifyEvent(event: string | undefined): event is NotifyEvent {
  return event !== undefined && Object.hasOwn(SIGNED_FIELDS, event);
}

/** The expected `Signature` header of a webhook event (a missing field counts as empty, as in PHP). */
export function webhookSignature(event: NotifyEvent, fields: Record<string, string | undefined>, secret: string): string {
  return zadarmaSignature(SIGNED_FIELDS[event].map((name) => fields[name] ?? "").join(""), secret);
}

/** PHP `urlencode`: every byte but letters, digits, `-`, `_` and `.` percent-encoded, space as `+`. */
function phpUrlencode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, "+");
}

function phpValue(value: string | number | boolean): string {
  return typeof value === "boolean" ? (value ? "1" : "0") : String(value);
}
