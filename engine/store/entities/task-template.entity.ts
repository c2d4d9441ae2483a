import { EntitySchema } from "typeorm";
import type { TaskTemplate } from "../../core/route.ts";
import { entityColumns, type Dialect } from "../columns.ts";

/** A reusable task template stored through the admin API; `id` is the key a route references. */
export interface TaskTemplateRow {
  id: string;
  title: string;
  description: string | null;
  instructions: string | null;
  checklist: TaskTemplate["checklist"];
  deadline: string | null;
  slot: TaskTemplate["slot"] | null;
  deferral: string | null;
  reminder: string | null;
  observers: string[];
  priority: number | null;
  /** Retired templates (false) cannot be referenced by newly published routes. */
  active: boolean;
  updatedAt: Date;
}

/** The `task_templates` table. */
export function taskTemplateEntity(dialect: Dialect): EntitySchema<TaskTemplateRow> {
  const c = entityColumns(dialect);
  return new EntitySchema<TaskTemplateRow>({
    name: "TaskTemplate",
    tableName: "task_templates",
    columns: {
      id: { ...c.string("id", 64), primary: true },
      title: c.string("title", 500),
      description: c.text("description", true),
      instructions: c.text("instructions", true),
      checklist: c.json("checklist", false),
      deadline: c.string("deadline", 255, true),
      slot: c.json("slot"),
      deferral: c.string("deferral", 64, true),
      reminder: c.string("reminder", 64, true),
      observers: c.json("observers", false),
      priority: c.int("priority", true),
      active: c.bool("active"),
      updatedAt: c.datetime("updated_at", false),
    },
  });
}
