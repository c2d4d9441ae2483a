/**
 * Store working calendars, cached per process for a short time so that computing a new task's timing
 * adds no round trip to a command in the steady state. Changes made through this process are seen at once
 * (`forgetCalendars`), others within `CALENDAR_MAX_AGE_MS`.
 */
import type { DataSource, EntityManager } from "typeorm";
import { calendarIssues, type WorkCalendar } from "../core/schedule/index.ts";
import { Problem } from "../problem.ts";
import { Entities, type StoreRow } from "../store/index.ts";

/** How long a store's calendar is reused. */
export const CALENDAR_MAX_AGE_MS = 30_000;

/** The working calendar of a store (undefined: no store, no calendar — round the clock). */
export async function storeCalendar(manager: EntityManager, store: string | null): Promise<WorkCalendar | undefined> {
  if (!store) return undefined;
  const entries = cacheOf(manager.connection);
  const hit = entries.get(store);
  const now = Date.now();
  if (hit && now - hit.at < CALENDAR_MAX_AGE_MS) return hit.value;
  const row = await manager.getRepository<StoreRow>(Entities.Store).findOne({ where: { id: store }, select: { id: true, calendar: true } });
  const value = row?.calendar ?? undefined;
  entries.set(store, { at: now, value });
  return value;
}

/** Drops the cached calendars of a data source (after a store's calendar changed). */
export function forgetCalendars(dataSource: DataSource): void {
  caches.delete(dataSource);
}

const caches = new WeakMap<DataSource, Map<string, { at: number; value: WorkCalendar | undefined }>>();

function cacheOf(dataSource: DataSource): Map<string, { at: number; value: WorkCalendar | undefined }> {
  let entries = caches.get(dataSource);
  if (!entries) caches.set(dataSource, (entries = new Map()));
  return entries;
}

const interval = { type: "object", additionalProperties: false, required: ["open", "close"], properties: { open: { type: "string" }, close: { type: "string" } } };

/** JSON schema of a store's working calendar in the stores admin API (null clears it). */
export const CALENDAR_SCHEMA = {
  anyOf: [
    {
      type: "object",
      additionalProperties: false,
      required: ["timeZone", "week"],
      properties: {
        timeZone: { type: "string", minLength: 1 },
        week: { type: "object", additionalProperties: { type: "array", items: interval } },
        holidays: { type: "array", items: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" } },
      },
    },
    { type: "null" },
  ],
};

/** A calendar from the admin API, checked with `calendarIssues`; Problem 422 at /calendar naming each issue. */
export function checkCalendar(calendar: WorkCalendar | null | undefined): WorkCalendar | null {
  if (!calendar) return null;
  const issues = calendarIssues(calendar);
  if (issues.length) throw new Problem(422, "Invalid store", `The working calendar is not usable: ${issues.join("; ")}.`, issues.map((message) => ({ pointer: "/calendar", message })));
  return calendar;
}
