import { EntitySchema } from "typeorm";
import { entityColumns, type Dialect } from "../columns.ts";
import type { Snapshot } from "../../core/types.ts";

/** A deal: an order running on one route version. */
export interface DealRow {
  id: string;
  externalId: string;
  routeVersionId: number;
  routeKey: string;
  status: "running" | "completed" | "terminated";
  outcome: "won" | "lost" | null;
  stage: string | null;
  snapshot: Snapshot;
  data: Record<string, unknown>;
  store: string | null;
  city: string | null;
  customerPhone: string | null;
  lostReason: string | null;
  lostRole: string | null;
  lostStage: string | null;
  createdAt: Date;
  updatedAt: Date;
  endedAt: Date | null;
  /** Optimistic lock: incremented by every command. */
  version: number;
}

/** The `deals` table. */
export function dealEntity(dialect: Dialect): EntitySchema<DealRow> {
  const c = entityColumns(dialect);
  return new EntitySchema<DealRow>({
    name: "Deal",
    tableName: "deals",
    columns: {
      id: c.uuid(),
      externalId: c.string("external_id"),
      routeVersionId: c.int("route_version_id"),
      routeKey: c.string("route_key"),
      status: c.string("status", 16),
      outcome: c.string("outcome", 8, true),
      stage: c.string("stage", 191, true),
      snapshot: c.json("snapshot", false),
      data: c.json("data", false),
      store: c.string("store", 64, true),
      city: c.string("city", 128, true),
      customerPhone: c.string("customer_phone", 32, true),
      lostReason: c.string("lost_reason", 64, true),
      lostRole: c.string("lost_role", 64, true),
      lostStage: c.string("lost_stage", 191, true),
      createdAt: c.datetime("created_at", false),
      updatedAt: c.datetime("updated_at", false),
      endedAt: c.datetime("ended_at"),
      version: c.int("version"),
    },
  });
}
