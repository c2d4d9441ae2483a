/**
 * Zadarma's PBX notifications (webhook-notify-events contract) read into connector-neutral call events.
 * Incoming: NOTIFY_START (the PBX takes a call), NOTIFY_INTERNAL (an extension rings: the screen pop's
 * operator), NOTIFY_ANSWER, NOTIFY_END. Outgoing: NOTIFY_OUT_START, NOTIFY_OUT_END. NOTIFY_RECORD names the
 * recording of a call, without the customer's number (the engine finds the call by its id).
 */
import { InboundRejected, normalizePhone, type CallEvent } from "../../sdk/index.ts";
import type { NotifyEvent } from "./zadarma.signature.ts";

/** Reads one verified notification into a call event; `InboundRejected` 422 naming the field when malformed. */
export function callEventOf(event: NotifyEvent, fields: Record<string, string | undefined>, apiBaseUrl: string): CallEvent {
  const callId = required(fields, "pbx_call_id");
  const operator = optional(fields, "internal");
  const at = optional(fields, "call_start");
  const common = { callId, ...(operator ? { operator } : {}), ...(at ? { at } : {}) };
  switch (event) {
    case "NOTIFY_START":
    case "NOTIFY_INTERNAL":
      return { ...common, event: "started", direction: "incoming", customerPhone: phone(required(fields, "caller_id")) };
    case "NOTIFY_ANSWER":
      return { ...common, event: "answered", direction: "incoming", customerPhone: phone(required(fields, "caller_id")) };
    case "NOTIFY_END":
      return { ...common, event: "ended", direction: "incoming", customerPhone: phone(required(fields, "caller_id")), ...ending(fields) };
    case "NOTIFY_OUT_START":
      return { ...common, event: "started", direction: "outgoing", customerPhone: phone(required(fields, "destination")) };
    case "NOTIFY_OUT_END":
      return { ...common, event: "ended", direction: "outgoing", customerPhone: phone(required(fields, "destination")), ...ending(fields) };
    case "NOTIFY_RECORD": {
      const recording = required(fields, "call_id_with_rec");
      const query = new URLSearchParams({ call_id: recording, pbx_call_id: callId });
      return {
        callId,
        event: "recording",
        direction: callId.startsWith("out_") ? "outgoing" : "incoming",
        customerPhone: "",
        recordingUrl: `${apiBaseUrl.replace(/\/+$/, "")}/v1/pbx/record/request/?${query}`,
      };
    }
  }
}

/** Zadarma's dispositions in the call-event vocabulary (answered, busy, cancelled, no-answer, failed). */
export function dispositionOf(raw: string): string {
  const known: Record<string, string> = { answered: "answered", busy: "busy", cancel: "cancelled", "no answer": "no-answer", failed: "failed" };
  return known[raw.trim().toLowerCase()] ?? "failed";
}

function ending(fields: Record<string, string | undefined>): Pick<CallEvent, "durationSec" | "disposition"> {
  const duration = required(fields, "duration");
  if (!/^\d+$/.test(duration)) throw new InboundRejected(422, "duration must be a whole number of seconds.", "/duration");
  return { durationSec: Number(duration), disposition: dispositionOf(required(fields, "disposition")) };
}

function phone(raw: string): string {
  return normalizePhone(raw) ?? raw;
}

function required(fields: Record<string, string | undefined>, name: string): string {
  const value = fields[name]?.trim();
  if (!value) throw new InboundRejected(422, `The notification has no ${name}.`, `/${name}`);
  return value;
}

function optional(fields: Record<string, string | undefined>, name: string): string | undefined {
  return fields[name]?.trim() || undefined;
}
