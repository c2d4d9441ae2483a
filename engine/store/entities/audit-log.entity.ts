import { EntitySchema } from "typeorm";
import { entityColumns, type Dialect } from "../columns.ts";

/** An append-only audit entry: who did what, when, from which stage to which. */
export interface AuditRow {
  id: number;
  dealId: string | null;
  taskId: string | null;
  /** Dotted lowercase: `deal.started`, `task.completed`, `route.published`. */
  action: string;
  actorUser: string | null;
  actorRole: string | null;
  fromStage: string | null;
  toStage: string | null;
  payload: unknown;
  at: Date;
}

/** The `audit_log` table. */
export function auditEntity(dialect: Dialect): EntitySchema<AuditRow> {
  const c = entityColumns(dialect);
  return new EntitySchema<AuditRow>({
    name: "AuditEntry",
    tableName: "audit_log",
    columns: {
      id: c.serial(),
      dealId: c.string("deal_id", 36, true),
      taskId: c.string("task_id", 36, true),
      action: c.string("action", 64),
      actorUser: c.string("actor_user", 191, true),
      actorRole: c.string("actor_role", 64, true),
      fromStage: c.string("from_stage", 191, true),
      toStage: c.string("to_stage", 191, true),
      payload: c.json("payload"),
      at: c.datetime("at", false),
    },
  });
}
