/**
 * Notification ids: time-ordered strings (milliseconds, a per-process sequence, randomness), so that
 * "everything after the id the client last saw" is `id > ?` on the user's index, without a database round trip.
 */
import { randomBytes } from "node:crypto";

let lastMs = 0;
let sequence = 0;

/** A new id that sorts after every id this process made before (and, across processes, by creation time). */
export function newNotificationId(now: Date = new Date()): string {
  const ms = Math.max(now.getTime(), lastMs);
  sequence = ms === lastMs ? sequence + 1 : 0;
  lastMs = ms;
  return `${ms.toString(36).padStart(10, "0")}${sequence.toString(36).padStart(5, "0")}${randomBytes(6).toString("hex")}`;
}

/** True when a string looks like a notification id (for Last-Event-ID and path parameters). */
export function isNotificationId(value: unknown): value is string {
  return typeof value === "string" && /^[0-9a-z]{15}[0-9a-f]{12}$/.test(value);
}
