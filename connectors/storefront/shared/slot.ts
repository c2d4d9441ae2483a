/**
 * Local times in an IANA time zone written as ISO 8601 with the zone's offset, and the default delivery
 * slot: `daysAhead` days after the order's local date, from `start` to `end` local time.
 */
import type { DefaultSlotPolicy } from "./config.ts";

/** A delivery slot as the order schema writes it. */
export interface Slot {
  start: string;
  end: string;
}

/** The default slot of an order created at `createdAt`, in `timeZone` (e.g. next day 10:00–14:00). */
export function defaultSlot(createdAt: Date, timeZone: string, policy: DefaultSlotPolicy): Slot {
  const days = policy.daysAhead ?? 1;
  const { year, month, day } = localParts(createdAt, timeZone);
  const date = new Date(Date.UTC(year, month - 1, day + days));
  const at = (time: string) => zonedIso(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), time, timeZone);
  return { start: at(policy.start ?? "10:00"), end: at(policy.end ?? "14:00") };
}

/** A local date and `HH:MM[:SS]` time in `timeZone` as ISO 8601 with that zone's offset at that moment (`2026-03-03T10:00:00+03:00`). */
export function zonedIso(year: number, month: number, day: number, time: string, timeZone: string): string {
  const [hour, minute, second = 0] = time.split(":").map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // the offset at the wall time read as UTC, corrected once for a DST change between the two instants
  let offset = offsetMinutes(new Date(wall), timeZone);
  offset = offsetMinutes(new Date(wall - offset * 60_000), timeZone);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${formatOffset(offset)}`;
}

/** The zone's offset from UTC in minutes at an instant (east positive); throws a sentence for an unknown zone. */
export function offsetMinutes(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

function localParts(at: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
  } catch {
    throw new Error(`"${timeZone}" is not an IANA time zone: set the connector's timeZone to one such as Europe/Moscow.`);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, Number(part.value)]));
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}
