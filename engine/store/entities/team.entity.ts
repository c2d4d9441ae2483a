import { EntitySchema } from "typeorm";
import { entityColumns, type Dialect } from "../columns.ts";

/** A team of staff users; its manager sees the team's work and reassigns its tasks. */
export interface TeamRow {
  id: string;
  name: string;
  /** User id of the manager. */
  managerId: string | null;
}

/** The `teams` table. */
export function teamEntity(dialect: Dialect): EntitySchema<TeamRow> {
  const c = entityColumns(dialect);
  return new EntitySchema<TeamRow>({
    name: "Team",
    tableName: "teams",
    columns: {
      id: { ...c.string("id", 64), primary: true },
      name: c.string("name", 255),
      managerId: c.string("manager_id", 36, true),
    },
  });
}
