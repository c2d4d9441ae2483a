import { EntitySchema } from "typeorm";
import { entityColumns, type Dialect } from "../columns.ts";

/** A cancellation reason of the catalogue. */
export interface ReasonRow {
  code: string;
  labelEn: string;
  labelRu: string;
  roles: string[];
  /** Stages where the reason applies; empty = any. */
  stages: string[];
  active: boolean;
}

/** The `reasons` table. */
export function reasonEntity(dialect: Dialect): EntitySchema<ReasonRow> {
  const c = entityColumns(dialect);
  return new EntitySchema<ReasonRow>({
    name: "Reason",
    tableName: "reasons",
    columns: {
      code: { ...c.string("code", 64), primary: true },
      labelEn: c.string("label_en", 255),
      labelRu: c.string("label_ru", 255),
      roles: c.json("roles", false),
      stages: c.json("stages", false),
      active: c.bool("active"),
    },
  });
}
