import { EntitySchema } from "typeorm";
import { entityColumns, type Dialect } from "../columns.ts";

/** One stay of a deal in a stage (the funnel's source). */
export interface StageHistoryRow {
  id: number;
  dealId: string;
  routeKey: string;
  routeVersionId: number;
  stage: string;
  stageKind: "open" | "won" | "lost";
  store: string | null;
  enteredAt: Date;
  leftAt: Date | null;
  outcome: string | null;
  reason: string | null;
  role: string | null;
  userId: string | null;
}

/** The `stage_history` table. */
export function stageHistoryEntity(dialect: Dialect): EntitySchema<StageHistoryRow> {
  const c = entityColumns(dialect);
  return new EntitySchema<StageHistoryRow>({
    name: "StageHistory",
    tableName: "stage_history",
    columns: {
      id: c.serial(),
      dealId: c.string("deal_id", 36),
      routeKey: c.string("route_key"),
      routeVersionId: c.int("route_version_id"),
      stage: c.string("stage"),
      stageKind: c.string("stage_kind", 8),
      store: c.string("store", 64, true),
      enteredAt: c.datetime("entered_at", false),
      leftAt: c.datetime("left_at"),
      outcome: c.string("outcome", 191, true),
      reason: c.string("reason", 64, true),
      role: c.string("role", 64, true),
      userId: c.string("user_id", 36, true),
    },
  });
}
