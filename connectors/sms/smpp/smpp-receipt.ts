/**
 * Delivery receipts: a deliver_sm with the receipt bit (0x04) of esm_class. The message id and final state
 * come from the receipted_message_id and message_state TLVs when the SMSC sends them, else from the
 * receipt text (`id:… sub:001 dlvr:001 submit date:… done date:… stat:DELIVRD err:000 text:…`).
 */
import type { DeliveryStatus } from "../../sdk/index.ts";
import { smpp, type Pdu } from "./smpp-lib.ts";

/** What a receipt says about one message. */
export interface Receipt {
  providerId: string;
  status: DeliveryStatus;
  /** The SMSC's word for the state (`DELIVRD`, `UNDELIV` …). */
  state: string;
  /** Why it was not delivered (state and error code), absent when delivered. */
  error?: string;
}

/** True when a deliver_sm is a delivery receipt rather than an incoming SMS. */
export function isReceipt(deliverSm: Pdu): boolean {
  return ((deliverSm.esm_class ?? 0) & 0x04) !== 0;
}

const STATES: Record<string, DeliveryStatus> = {
  DELIVRD: "delivered", UNDELIV: "undelivered", REJECTD: "failed", EXPIRED: "failed", DELETED: "failed", UNKNOWN: "failed",
  SKIPPED: "failed", ACCEPTD: "sent", ENROUTE: "sent", SCHEDULED: "sent",
};

/** message_state TLV values (SMPP 3.4 §5.2.28) by their receipt-text names. */
const MESSAGE_STATES = ["SCHEDULED", "ENROUTE", "DELIVRD", "EXPIRED", "DELETED", "UNDELIV", "ACCEPTD", "UNKNOWN", "REJECTD", "SKIPPED"];

/** Reads a receipt; null when it names no message or no state we know. */
export function parseReceipt(deliverSm: Pdu): Receipt | null {
  const text = receiptText(deliverSm);
  const field = (name: string) => new RegExp(`(?:^|\\s)${name}:(\\S*)`, "i").exec(text)?.[1];
  const providerId = (typeof deliverSm.receipted_message_id === "string" && deliverSm.receipted_message_id) || field("id");
  const state = (typeof deliverSm.message_state === "number" ? MESSAGE_STATES[deliverSm.message_state] : undefined) ?? field("stat")?.toUpperCase();
  const status = state ? STATES[state] : undefined;
  if (!providerId || !state || !status) return null;
  const err = field("err");
  const failed = status !== "delivered" && status !== "sent";
  const error = failed ? `${state}${err && !/^0+$/.test(err) ? ` err:${err}` : ""}` : undefined;
  return { providerId, status, state, ...(error ? { error } : {}) };
}

/** The receipt's text as ASCII. The smpp package decodes data_coding 0 and 1 as GSM 03.38, which turns ASCII's `_` or `@` into other letters: re-encoding gives the octets back. */
function receiptText(deliverSm: Pdu): string {
  const value = [deliverSm.short_message, deliverSm.message_payload].map((field) => field?.message ?? field).find((field) => field?.length > 0) ?? "";
  if (Buffer.isBuffer(value)) return value.toString("latin1");
  if (typeof value !== "string") return "";
  const coding = (deliverSm.data_coding ?? 0) & 0x0f;
  return coding === 0 || coding === 1 ? smpp.encodings.ASCII.encode(value).toString("latin1") : value;
}
