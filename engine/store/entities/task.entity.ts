import { EntitySchema } from "typeorm";
import { entityColumns, type Dialect } from "../columns.ts";

/** Outcome buttons of a task. */
export type TaskOutcomes = { flow: string; kind: "success" | "failure" | "custom"; label: string; color?: string }[];

/** A task's checklist as rendered from its template, with what was ticked at completion. */
export type TaskChecklist = { id: string; label: string; required: boolean; done: boolean }[];

/** A task generated for a role by a user task. */
export interface TaskRow {
  id: string;
  dealId: string;
  token: string;
  elementId: string;
  title: string;
  description: string | null;
  role: string | null;
  store: string | null;
  stage: string | null;
  status: "open" | "completed" | "failed" | "cancelled";
  outcomes: TaskOutcomes;
  outcome: string | null;
  reason: string | null;
  assignee: string | null;
  completedBy: string | null;
  createdAt: Date;
  dueAt: Date | null;
  visibleFrom: Date | null;
  /** The "almost overdue" warning instant. */
  almostDueAt?: Date | null;
  /** Checklist items and their ticks (null: the template has none). */
  checklist?: TaskChecklist | null;
  completedAt: Date | null;
}

/** The `tasks` table. */
export function taskEntity(dialect: Dialect): EntitySchema<TaskRow> {
  const c = entityColumns(dialect);
  return new EntitySchema<TaskRow>({
    name: "Task",
    tableName: "tasks",
    columns: {
      id: c.uuid(),
      dealId: c.string("deal_id", 36),
      token: c.string("token", 64),
      elementId: c.string("element_id"),
      title: c.string("title", 500),
      description: c.text("description", true),
      role: c.string("role", 64, true),
      store: c.string("store", 64, true),
      stage: c.string("stage", 191, true),
      status: c.string("status", 16),
      outcomes: c.json("outcomes", false),
      outcome: c.string("outcome", 191, true),
      reason: c.string("reason", 64, true),
      assignee: c.string("assignee", 36, true),
      completedBy: c.string("completed_by", 36, true),
      createdAt: c.datetime("created_at", false),
      dueAt: c.datetime("due_at"),
      visibleFrom: c.datetime("visible_from"),
      almostDueAt: c.datetime("almost_due_at"),
      checklist: c.json("checklist"),
      completedAt: c.datetime("completed_at"),
    },
  });
}
