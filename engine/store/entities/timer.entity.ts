import { EntitySchema } from "typeorm";
import { entityColumns, type Dialect } from "../columns.ts";

/** A durable timer: of a deal's token, or (deal null) a route-level timer start event. */
export interface TimerRow {
  id: number;
  dealId: string | null;
  routeVersionId: number;
  token: string;
  timer: string;
  elementId: string;
  dueAt: Date;
  status: "pending" | "fired" | "cancelled";
  claimedBy: string | null;
  claimedAt: Date | null;
  firedAt: Date | null;
  /** The task of a task-level timer (visible, almost due, overdue, reminder); null for a deal's timers. */
  taskId?: string | null;
  /** Failed firing attempts (an error other than a Problem); the claim is held for a backoff after each. */
  attempts?: number;
  /** The last failed attempt's error message. */
  lastError?: string | null;
}

/** The `timers` table. */
export function timerEntity(dialect: Dialect): EntitySchema<TimerRow> {
  const c = entityColumns(dialect);
  return new EntitySchema<TimerRow>({
    name: "Timer",
    tableName: "timers",
    columns: {
      id: c.serial(),
      dealId: c.string("deal_id", 36, true),
      routeVersionId: c.int("route_version_id"),
      token: c.string("token", 64),
      timer: c.string("timer"),
      elementId: c.string("element_id"),
      dueAt: c.datetime("due_at", false),
      status: c.string("status", 16),
      claimedBy: c.string("claimed_by", 64, true),
      claimedAt: c.datetime("claimed_at"),
      firedAt: c.datetime("fired_at"),
      taskId: c.string("task_id", 36, true),
      attempts: { ...c.int("attempts"), default: 0 },
      lastError: { ...c.text("last_error", true) },
    },
  });
}
