import { EntitySchema } from "typeorm";
import type { WorkCalendar } from "../../core/schedule/index.ts";
import { entityColumns, type Dialect } from "../columns.ts";

/** A store (hypermarket) that fulfils orders. */
export interface StoreRow {
  id: string;
  name: string;
  city: string | null;
  /** Working hours and holidays applied to task deadlines and reminders (null: round the clock). */
  calendar?: WorkCalendar | null;
}

/** The `stores` table. */
export function storeEntity(dialect: Dialect): EntitySchema<StoreRow> {
  const c = entityColumns(dialect);
  return new EntitySchema<StoreRow>({
    name: "Store",
    tableName: "stores",
    columns: {
      id: { ...c.string("id", 64), primary: true },
      name: c.string("name", 255),
      city: c.string("city", 128, true),
      calendar: c.json("calendar"),
    },
  });
}
